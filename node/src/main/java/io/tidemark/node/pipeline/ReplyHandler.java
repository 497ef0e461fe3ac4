package io.tidemark.node.pipeline;

/**
 * Whoever submitted a slot and waits for its outcome. Both callbacks run on pipeline threads and must
 * not block: {@link #onViews} on the view thread, once the read models reflect the slot (the only
 * place where read models may be read, e.g. to copy the order a request placed, or to answer a
 * query); {@link #onReply} on the reply thread, to deliver (e.g. hand the response to a network
 * event loop). Everything written in onViews is visible in onReply.
 */
public interface ReplyHandler {
    default void onViews(CommandSlot slot) {
    }

    /**
     * Whether this handler reads the command's events from the slot ({@link CommandSlot#events}). The fused
     * core thread hands events to the read models directly and encodes them into the slot only for these.
     */
    default boolean readsEvents() {
        return false;
    }

    void onReply(CommandSlot slot);
}
