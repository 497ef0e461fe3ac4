package io.tidemark.node.golden;

/**
 * The checks of {@link GoldenDataDirTest} on a data directory written by {@link GoldenOperatorDataDirWriter}
 * with the operator's commands among the trading: their journal records (codes 8-13, the deposit's
 * reference, the freeze's flag) and the engine's version-2 snapshot section replay, recover and are
 * written back as they were written.
 */
class GoldenOperatorDataDirTest extends GoldenDataDirTest {
    @Override
    String fixture() {
        return "/io/tidemark/node/golden/v2-operator";
    }
}
