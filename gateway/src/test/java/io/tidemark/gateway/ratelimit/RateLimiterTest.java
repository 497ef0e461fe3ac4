package io.tidemark.gateway.ratelimit;

import io.tidemark.gateway.ratelimit.RateLimiter.Budget;
import io.tidemark.gateway.ratelimit.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The token buckets on a clock the test drives. */
class RateLimiterTest {
    /** A minute boundary: what the fixed per-minute windows reset at. */
    private static final long MINUTE = 1_800_000_000_000L;

    private final AtomicLong clock = new AtomicLong(MINUTE + 30_000);
    private final RateLimiter limiter = new RateLimiter(clock::get);
    private final Decision decision = new Decision();

    private boolean charge(final String key, final int limit, final int weight) {
        return limiter.charge(RateLimiter.keyPrincipal(key), Budget.ORDERS, limit, weight, false, decision);
    }

    /** How much weight of 1 the key gets now, charging until refused. */
    private int spendAll(final String key, final int limit) {
        int allowed = 0;
        while (charge(key, limit, 1)) {
            allowed++;
        }
        return allowed;
    }

    @Test
    void noBurstAcrossWhatUsedToBeAMinuteBoundary() {
        clock.set(MINUTE - 1);
        assertThat(spendAll("k", 1_200)).isEqualTo(1_200);
        clock.set(MINUTE + 1);
        // 2 ms refill 2 × 1,200 / 60,000 = 0.04 weight: nothing; a fixed window would have given 1,200 more
        assertThat(spendAll("k", 1_200)).isZero();
        clock.set(MINUTE + 50);
        assertThat(spendAll("k", 1_200)).as("1,200 a minute is one every 50 ms").isEqualTo(1);
    }

    @Test
    void inAnyMinuteAtMostTheLimitPlusWhatRefilledIsSpent() {
        final int limit = 600;
        final int[] allowedAt = new int[180_000];
        for (int ms = 0; ms < allowedAt.length; ms++) {
            clock.set(MINUTE - 90_000 + ms);
            allowedAt[ms] = spendAll("greedy", limit);
        }
        int inWindow = 0;
        for (int ms = 0; ms < allowedAt.length; ms++) {
            inWindow += allowedAt[ms];
            if (ms >= 60_000) {
                inWindow -= allowedAt[ms - 60_000];
            }
            // a full bucket plus a minute of refill, never two budgets at once
            assertThat(inWindow).as("the minute ending at %d ms", ms).isLessThanOrEqualTo(2 * limit);
        }
        int total = 0;
        for (final int allowed : allowedAt) {
            total += allowed;
        }
        assertThat(total).as("a full bucket, then 600 a minute for 3 minutes").isEqualTo(limit + 3 * limit - 1);
    }

    @Test
    void theBudgetRefillsContinuously() {
        assertThat(spendAll("k", 12)).isEqualTo(12);
        assertThat(decision.remaining()).isZero();
        assertThat(decision.resetSeconds()).as("empty: a minute to full").isEqualTo(60);
        clock.addAndGet(4_999);
        assertThat(charge("k", 12, 1)).as("12 a minute is one every 5 s").isFalse();
        clock.addAndGet(1);
        assertThat(charge("k", 12, 1)).isTrue();
        assertThat(charge("k", 12, 1)).isFalse();
        clock.addAndGet(30_000);
        limiter.peek(RateLimiter.keyPrincipal("k"), Budget.ORDERS, 12, decision);
        assertThat(decision.remaining()).isEqualTo(6);
        assertThat(decision.resetSeconds()).isEqualTo(30);
        clock.addAndGet(30_000);
        limiter.peek(RateLimiter.keyPrincipal("k"), Budget.ORDERS, 12, decision);
        assertThat(decision.remaining()).isEqualTo(12);
        assertThat(decision.resetSeconds()).as("full").isZero();
        clock.addAndGet(600_000);
        assertThat(spendAll("k", 12)).as("never more than full").isEqualTo(12);
    }

    @Test
    void aRefusalSaysWhenTheRefusedWeightIsAvailable() {
        final long start = clock.get();
        assertThat(spendAll("k", 12)).isEqualTo(12);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfterSeconds()).isEqualTo(5);
        assertThat(decision.retryAtMillis()).isEqualTo(start + 5_000);
        assertThat(charge("k", 12, 10)).isFalse();
        assertThat(decision.retryAfterSeconds()).as("10 weight at 12 a minute").isEqualTo(50);
        clock.addAndGet(2_500);
        assertThat(charge("k", 12, 1)).isFalse();
        assertThat(decision.retryAfterSeconds()).as("2.5 s left, rounded up").isEqualTo(3);
        assertThat(decision.retryAtMillis()).isEqualTo(start + 2_500 + 3_000);
        clock.addAndGet(2_500);
        assertThat(charge("k", 12, 1)).as("when Retry-After said").isTrue();
    }

    @Test
    void neverRefusedChargesOverdrawByAtMostOneBudget() {
        final Object key = RateLimiter.keyPrincipal("mm");
        assertThat(spendAll("mm", 12)).isEqualTo(12);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.charge(key, Budget.ORDERS, 12, 1, true, decision)).isTrue();
        }
        assertThat(decision.remaining()).isZero();
        assertThat(charge("mm", 12, 1)).isFalse();
        assertThat(decision.retryAfterSeconds()).as("a minute of debt, then one weight").isEqualTo(65);
        assertThat(decision.resetSeconds()).as("to full from a full debt").isEqualTo(120);
    }

    @Test
    void budgetsAndPrincipalsAreSeparate() throws UnknownHostException {
        assertThat(spendAll("k", 12)).isEqualTo(12);
        assertThat(limiter.charge(RateLimiter.keyPrincipal("k"), Budget.DATA, 12, 1, false, decision)).isTrue();
        assertThat(decision.remaining()).isEqualTo(11);
        assertThat(spendAll("other", 12)).isEqualTo(12);
        final InetAddress address = InetAddress.getByName("127.0.0.1");
        assertThat(limiter.charge(RateLimiter.addressPrincipal(address), Budget.ORDERS, 12, 1, false, decision)).isTrue();
        assertThat(limiter.charge(RateLimiter.addressPrincipal(InetAddress.getByName("127.0.0.1")), Budget.ORDERS, 12,
            1, false, decision)).isTrue();
        assertThat(decision.remaining()).as("the same address, another object").isEqualTo(10);
    }

    @Test
    void aFreshPrincipalIsFull() {
        limiter.peek(RateLimiter.keyPrincipal("new"), Budget.DATA, 1_200, decision);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(1_200);
        assertThat(decision.resetSeconds()).isZero();
        assertThat(decision.policy()).isEqualTo("1200;w=60");
    }

    @Test
    void idleFullBucketsAreSweptOnceThereAreManyAndOthersKept() {
        for (int i = 0; i < 60_000; i++) {
            assertThat(charge("k" + i, 12, 6)).isTrue();
        }
        clock.addAndGet(5_000);
        charge("fresh", 12, 1);
        assertThat(limiter.size(Budget.ORDERS)).as("none full yet").isEqualTo(60_001);
        assertThat(spendAll("k0", 12)).as("its own bucket: 6 left plus 5 s of refill").isEqualTo(7);
        clock.addAndGet(60_000);
        charge("fresh", 12, 1);
        assertThat(limiter.size(Budget.ORDERS)).as("all full again: swept").isEqualTo(1);
    }

    @Test
    void chargingAndPeekingAllocateNothing() throws UnknownHostException {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final Object[] principals = {RateLimiter.keyPrincipal("tmk_a"), RateLimiter.keyPrincipal("tmk_b"),
            RateLimiter.addressPrincipal(InetAddress.getByName("127.0.0.1")),
            RateLimiter.addressPrincipal(InetAddress.getByName("::1"))};
        final Budget[] budgets = Budget.values();
        final Runnable cycle = () -> {
            for (int i = 0; i < 100_000; i++) {
                clock.incrementAndGet();
                final Object principal = principals[i & 3];
                limiter.charge(principal, budgets[i % 3], 12_000, 1 + (i & 7), (i & 15) == 0, decision);
                limiter.peek(principal, Budget.DATA, 1_200, decision);
            }
        };
        cycle.run();
        final long before = threads.getCurrentThreadAllocatedBytes();
        cycle.run();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 200,000 calls").isLessThan(1_024);
    }
}
