package lineage.sdk;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineageClientException;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Any openlineage-java {@link Transport} (console, file, Kafka, …), one event at a time. */
final class TransportSink implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(TransportSink.class);

    private final Transport transport;

    TransportSink(Transport transport) {
        this.transport = requireNonNull(transport, "transport is null");
    }

    @Override
    public Delivery send(List<String> events) throws IOException {
        // A failure part-way leaves the first events sent; they are sent again with the rest, which OpenLineage
        // receivers treat as a repeat.
        int delivered = 0;
        for (String event : events) {
            try {
                transport.emit(OpenLineageClientUtils.runEventFromJson(event));
            } catch (OpenLineageClientException exception) {
                throw new IOException(
                        transport.getClass().getSimpleName() + " failed after " + delivered + " event(s)", exception);
            }
            delivered++;
        }
        return new Delivery(events.size(), 0);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (Exception exception) {
            log.warn("closing {} failed", transport.getClass().getSimpleName(), exception);
        }
    }

    @Override
    public String toString() {
        return transport.getClass().getSimpleName();
    }
}
