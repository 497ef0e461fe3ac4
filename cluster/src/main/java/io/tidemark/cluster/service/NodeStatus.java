package io.tidemark.cluster.service;

/**
 * What one consensus node's engine has reached, as published by its service thread: the role it plays,
 * the last command applied, the state hash after it, and the log position.
 */
public record NodeStatus(String role, long sequence, long stateHash, long logPosition) {
    public static final NodeStatus STARTING = new NodeStatus("candidate", 0, 0, 0);

    public String stateHashHex() {
        return String.format("%016x", stateHash);
    }
}
