package lineage.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The load generators' HTTP client. With {@code socket} (every generator's default) requests go over plain HTTP/1.1
 * keep-alive connections, one per sender: a generator shares the machine's cores with the server and PostgreSQL, and
 * the JDK's HttpClient spends about 1 ms of CPU per request here, as much as the server. {@code jdk} uses
 * java.net.http.HttpClient instead.
 *
 * <p>A sender is used by one thread at a time. {@link #send} uses the calling thread's own sender, opened on its first
 * request; {@link #connect} hands out one to keep, as Trino's HTTP client keeps its pool.
 */
public final class HttpLoadClient {
    private final Optional<HttpClient> jdk;
    private final ThreadLocal<Sender> threadSenders = new ThreadLocal<>();

    private HttpLoadClient(Optional<HttpClient> jdk) {
        this.jdk = jdk;
    }

    /** {@code socket} or {@code jdk}, as the generators' {@code --client} option names them. */
    public static HttpLoadClient of(String kind) {
        return switch (kind) {
            case "socket" -> new HttpLoadClient(Optional.empty());
            case "jdk" -> new HttpLoadClient(Optional.of(HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()));
            default -> throw new IllegalArgumentException("--client must be socket or jdk");
        };
    }

    public String description() {
        return jdk.isPresent() ? "JDK HttpClient" : "HTTP/1.1 over sockets, one connection per sender";
    }

    /** A sender of its own: a new connection to the URI's server, opened now (or the one JDK client). */
    public Sender connect(URI server) throws IOException {
        if (jdk.isPresent()) {
            return new JdkSender(jdk.get());
        }
        return new Connection(server.getHost(), server.getPort() < 0 ? 80 : server.getPort());
    }

    /** Sends over the calling thread's sender. {@code contentType} and {@code body} are null for a request without a body. */
    public Response send(String method, URI uri, String contentType, byte[] body)
            throws IOException, InterruptedException {
        Sender sender = threadSenders.get();
        if (sender == null) {
            sender = connect(uri);
            threadSenders.set(sender);
        }
        return sender.send(method, uri, contentType, body);
    }

    /** Sends a request and reads its whole response. */
    public interface Sender {
        Response send(String method, URI uri, String contentType, byte[] body) throws IOException, InterruptedException;
    }

    /** A response: its status and its body as text. */
    public record Response(int statusCode, String body) {
        public Response expect(int status) {
            if (statusCode != status) {
                throw new IllegalStateException("expected " + status + " but got " + statusCode + ": " + body);
            }
            return this;
        }

        /** How often the text occurs in the body. */
        public int count(String needle) {
            int count = 0;
            for (int at = body.indexOf(needle); at >= 0; at = body.indexOf(needle, at + 1)) {
                count++;
            }
            return count;
        }
    }

    private record JdkSender(HttpClient http) implements Sender {
        @Override
        public Response send(String method, URI uri, String contentType, byte[] body)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
    }

    /** One HTTP/1.1 keep-alive connection: a request is written, then its response read whole, in turn. */
    private static final class Connection implements Sender {
        private final String host;
        private final OutputStream out;
        private final InputStream in;

        Connection(String host, int port) throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            this.host = host + ":" + port;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 65_536);
            this.in = new BufferedInputStream(socket.getInputStream(), 65_536);
        }

        @Override
        public Response send(String method, URI uri, String contentType, byte[] body) throws IOException {
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder head = new StringBuilder(160)
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append("\r\n");
            if (body != null) {
                head.append("Content-Type: ")
                        .append(contentType)
                        .append("\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String status = line();
            int statusCode = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(Math.max(0, length));
            if (chunked) {
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    content.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                content.write(in.readNBytes(length));
            }
            return new Response(statusCode, content.toString(StandardCharsets.UTF_8));
        }

        private int chunkSize() throws IOException {
            return Integer.parseInt(line().split(";")[0].strip(), 16);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int next = in.read(); next != '\n'; next = in.read()) {
                if (next < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            return line.toString();
        }
    }
}
