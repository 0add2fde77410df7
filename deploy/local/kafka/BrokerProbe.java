import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Whether a Kafka broker answers: asks it for its cluster id and nodes, as a client would. Exit 0 and one line when it
 * answers within the deadline, 1 otherwise. Run by kafka-stack.sh with the broker's class path (java BrokerProbe.java).
 *
 * <p>Arguments: bootstrap servers, deadline in seconds.
 */
public final class BrokerProbe {
    public static void main(String[] arguments) throws InterruptedException {
        String bootstrap = arguments[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(arguments[1]));
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    String clusterId = admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
                    int nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
                    System.out.println("cluster " + clusterId + ", " + nodes + " node(s)");
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() >= deadline) {
                        System.err.println("no answer from " + bootstrap + ": " + notYet);
                        System.exit(1);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }
}
