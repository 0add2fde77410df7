package lineage.server.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A large JSON response body, written by a Jackson generator as it is built into a list of 64 KB pieces that the
 * response sends as they are: no tree of nodes, no string, no buffer that doubles and copies as it grows. For answers
 * of megabytes (an impact of 10,000 nodes with their paths is 9.5 MB), where building the tree and then the string
 * cost more than computing the answer, and where every array over half a G1 region goes straight into the old
 * generation and sets off concurrent marking of the whole heap, the lineage graph included.
 */
final class JsonBody {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int PIECE = 64 * 1024;

    /** What the body holds: one JSON value, written to the generator. */
    @FunctionalInterface
    interface Content {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private JsonBody() {}

    /** The content as UTF-8 JSON, in pieces. */
    static ByteBuf of(Content content) {
        Pieces pieces = new Pieces();
        try (JsonGenerator json = FACTORY.createGenerator(pieces, JsonEncoding.UTF8)) {
            content.writeTo(json);
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing JSON to memory failed", impossible);
        }
        return Unpooled.wrappedBuffer(pieces.buffers.toArray(ByteBuf[]::new));
    }

    /** An output stream into pieces of {@link #PIECE} bytes. */
    private static final class Pieces extends OutputStream {
        private final List<ByteBuf> buffers = new ArrayList<>();
        private byte[] piece = new byte[PIECE];
        private int used;

        @Override
        public void write(int b) {
            if (used == piece.length) {
                next();
            }
            piece[used++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (used == piece.length) {
                    next();
                }
                int copied = Math.min(length, piece.length - used);
                System.arraycopy(bytes, offset, piece, used, copied);
                used += copied;
                offset += copied;
                length -= copied;
            }
        }

        /** Keeps the last piece (the generator closes the stream when it is closed). */
        @Override
        public void close() {
            if (used > 0) {
                buffers.add(Unpooled.wrappedBuffer(piece, 0, used));
                used = 0;
            }
        }

        private void next() {
            buffers.add(Unpooled.wrappedBuffer(piece, 0, used));
            piece = new byte[PIECE];
            used = 0;
        }
    }
}
