package io.tidemark.node.golden;

/**
 * The checks of {@link GoldenDataDirTest} on a data directory written by {@link GoldenOperatorDataDirWriter}
 * with the operator's commands among the trading: their journal records (codes 8-14, the deposit's
 * reference, the freeze's flag, fee changes) and the engine's version-3 snapshot sections (operator
 * state and fee schedules) replay, recover and are written back as they were written.
 */
class GoldenOperatorDataDirTest extends GoldenDataDirTest {
    @Override
    String fixture() {
        return "/io/tidemark/node/golden/v3-operator";
    }
}
