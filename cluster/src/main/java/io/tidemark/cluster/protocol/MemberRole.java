package io.tidemark.cluster.protocol;

import io.aeron.cluster.service.Cluster;

/**
 * The role a consensus member reports playing, by explicit code on the wire ({@link ClusterLayout}
 * STATUS) and by the name {@code GET /v1/admin/cluster} shows. A member that is not heard from is
 * {@code down}: that is the gateway's conclusion, never something a member reports.
 */
public enum MemberRole {
    LEADER(1, "leader"),
    FOLLOWER(2, "follower"),
    CANDIDATE(3, "candidate");

    private final int code;
    private final String apiName;

    MemberRole(final int code, final String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    public int code() {
        return code;
    }

    public String apiName() {
        return apiName;
    }

    public static MemberRole of(final Cluster.Role role) {
        return switch (role) {
            case LEADER -> LEADER;
            case FOLLOWER -> FOLLOWER;
            case CANDIDATE -> CANDIDATE;
        };
    }

    /** The role of this code, or null for a code no role has. */
    public static MemberRole fromCode(final int code) {
        for (final MemberRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        return null;
    }
}
