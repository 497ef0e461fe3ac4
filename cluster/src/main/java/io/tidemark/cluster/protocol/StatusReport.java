package io.tidemark.cluster.protocol;

/**
 * What one consensus member says of itself, a few times a second, to every gateway (STATUS on
 * {@link ClusterLayout#STATUS_STREAM_ID}): its id, role, process id, the log position it knows committed,
 * the last command its engine applied and the state hash after that command.
 */
public record StatusReport(int memberId, MemberRole role, long pid, long commitPosition, long sequence, long stateHash) {
    public String stateHashHex() {
        return String.format("%016x", stateHash);
    }
}
