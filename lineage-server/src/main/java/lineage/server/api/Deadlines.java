package lineage.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import java.util.function.BooleanSupplier;
import lineage.server.config.LimitsConfig;
import lineage.server.impact.Deadline;

/** The deadline of one request's work: {@code lineage.limits.max-work-time}, or sooner if the client goes away. */
final class Deadlines {
    static final String SETTING = "lineage.limits.max-work-time";

    private Deadlines() {}

    static Deadline of(HttpRequest<?> request, LimitsConfig limits) {
        return Deadline.after(limits.maxWorkTime(), SETTING, abandoned(request));
    }

    /** Whether the client closed its connection; where the request does not tell, never. */
    static BooleanSupplier abandoned(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            Channel channel = netty.getChannelHandlerContext().channel();
            return () -> !channel.isActive();
        }
        return () -> false;
    }
}
