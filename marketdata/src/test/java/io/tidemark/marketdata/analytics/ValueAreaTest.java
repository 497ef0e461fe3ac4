package io.tidemark.marketdata.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The point of control and the 70 % value area on hand-made profiles (rows lowest first, 10 ticks each). */
class ValueAreaTest {
    @Test
    void pointOfControlIsTheRowOfMostVolume() {
        assertThat(ValueArea.pointOfControl(new long[] {1, 5, 9, 2}, 100, 10, 100, 139)).isEqualTo(2);
    }

    @Test
    void pointOfControlTieGoesToTheRowNearerTheMiddleOfTheRange() {
        // range 100..149, middle 124.5: row 1 (110-120, middle 115) vs row 3 (130-140, middle 135) → row 1 is nearer
        assertThat(ValueArea.pointOfControl(new long[] {1, 7, 2, 7, 1}, 100, 10, 100, 149)).isEqualTo(1);
    }

    @Test
    void pointOfControlTieAtEqualDistanceGoesToTheLowerRow() {
        // range 100..139, middle 119.5... rows 1 (middle 115) and 2 (middle 125) are 4.5 and 5.5 away: use 100..140
        assertThat(ValueArea.pointOfControl(new long[] {1, 7, 7, 1}, 100, 10, 100, 140)).isEqualTo(1);
    }

    @Test
    void valueAreaAddsThePairWithMoreVolume() {
        // total 100, 70 needed: POC row 3 (30); above 4,5 = 10+5, below 2,1 = 20+10 → below (60); then above 15 → 75
        final long[] rows = {5, 10, 20, 30, 10, 5, 20};
        assertThat(ValueArea.area(rows, 3)).containsExactly(1, 5);
    }

    @Test
    void valueAreaTieGoesAbove() {
        // total 100, POC row 2 (60): above 3,4 = 10 and below 1,0 = 10 tie → above, 70 reached
        assertThat(ValueArea.area(new long[] {5, 5, 60, 5, 5, 20}, 2)).containsExactly(2, 4);
    }

    @Test
    void valueAreaKeepsAddingUntilSeventyPercent() {
        // POC row 2 (40 of 100): tie 15/15 → above (55), then row 5 (30) beats 15 → above again (85)
        assertThat(ValueArea.area(new long[] {5, 10, 40, 10, 5, 30}, 2)).containsExactly(2, 5);
    }

    @Test
    void valueAreaTakesFewerRowsAtAnEdge() {
        // POC is the top row: only rows below can be added, two at a time, then one at the bottom edge
        final long[] rows = {30, 10, 10, 50};
        assertThat(ValueArea.area(rows, 3)).containsExactly(1, 3);
        final long[] more = {30, 5, 5, 60};
        assertThat(ValueArea.area(more, 3)).containsExactly(1, 3);
        final long[] bottom = {40, 5, 5, 50};
        assertThat(ValueArea.area(bottom, 3)).containsExactly(0, 3);
    }

    @Test
    void aPocWithSeventyPercentIsTheWholeArea() {
        assertThat(ValueArea.area(new long[] {10, 70, 20}, 1)).containsExactly(1, 1);
    }

    @Test
    void levelsOfAHandMadePeriodGiveRowEdgesAndValueArea() {
        final PeriodProfile period = new PeriodProfile();
        period.reset(0);
        // bins of 10 ticks; trades 100..149 ticks
        period.trade(105, 3, 10);
        period.trade(149, 1, 10);
        period.trade(121, 6, 10);
        period.trade(100, 1, 10);
        period.trade(131, 2, 10);
        final Levels levels = Levels.of(PeriodKind.HOUR, 0, period, 10);
        assertThat(levels.rowTicks).isEqualTo(10);
        assertThat(levels.firstRowLow).isEqualTo(100);
        assertThat(levels.rowVolumes).containsExactly(4, 0, 6, 2, 1);
        assertThat(levels.poc).isEqualTo(120);
        // total 13, 9.1 needed: 6; above 130,140 = 3 vs below 110,100 = 4 → below (10 ≥ 9.1)
        assertThat(levels.val).isEqualTo(100);
        assertThat(levels.vah).isEqualTo(130);
        assertThat(new long[] {levels.open, levels.high, levels.low, levels.close}).containsExactly(105, 149, 100, 131);
        // P = (149 + 100 + 131) / 3 = 126.67 → 127; R1 = 2P − L = 153.33 → 153; S1 = 2P − H = 104.33 → 104
        assertThat(new long[] {levels.pivot, levels.r1, levels.s1}).containsExactly(127, 153, 104);
        // fib 50 % of 49 from the high: 124.5 → 125 (half up)
        assertThat(levels.fib500).isEqualTo(125);
    }
}
