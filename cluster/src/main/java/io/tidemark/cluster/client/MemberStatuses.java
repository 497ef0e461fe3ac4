package io.tidemark.cluster.client;

import io.tidemark.cluster.protocol.StatusReport;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@link StatusReport} heard from each member and when (this JVM's nanoTime). Written by the
 * client's thread, read by any.
 */
public final class MemberStatuses {
    /** A report and when it arrived. */
    public record Heard(StatusReport report, long atNanos) {
        public boolean within(final long nowNanos, final long staleNanos) {
            return nowNanos - atNanos < staleNanos;
        }
    }

    private final AtomicReferenceArray<Heard> heard;

    MemberStatuses(final int members) {
        heard = new AtomicReferenceArray<>(members);
    }

    void record(final StatusReport report, final long nowNanos) {
        if (report.memberId() >= 0 && report.memberId() < heard.length()) {
            heard.set(report.memberId(), new Heard(report, nowNanos));
        }
    }

    /** What member {@code id} last said, if it was ever heard. */
    public Optional<Heard> of(final int id) {
        return Optional.ofNullable(heard.get(id));
    }
}
