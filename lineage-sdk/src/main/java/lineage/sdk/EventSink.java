package lineage.sdk;

import java.io.IOException;
import java.util.List;

/** Where serialized events go. Called from the emitter's single delivery thread only. */
interface EventSink extends AutoCloseable {
    /**
     * Sends events, in order, as JSON texts.
     *
     * @return how many the receiver took and how many it refused as invalid (those are never sent again)
     * @throws IOException when the receiver could not be reached or answered that it cannot take them now: the
     *     events are kept and sent again later
     */
    Delivery send(List<String> events) throws IOException;

    @Override
    void close();

    /** The outcome of one send. */
    record Delivery(int accepted, int rejected) {
        public Delivery {
            if (accepted < 0 || rejected < 0) {
                throw new IllegalArgumentException(
                        "invalid delivery: " + accepted + " accepted, " + rejected + " rejected");
            }
        }
    }
}
