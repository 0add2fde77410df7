package lineage.server.testing;

import java.util.Random;

/**
 * Nesting deeper than a JSON tree can be built or written by Jackson: a {@link #MARKER} string placed in a tree is
 * replaced, in the tree's text, by arrays or objects nested hundreds to thousands of levels deep.
 */
public final class DeepJson {
    /** A string value to place where the deep value goes. */
    public static final String MARKER = "\u0001deep\u0001";

    private static final String QUOTED_MARKER = "\"\\u0001deep\\u0001\"";

    private DeepJson() {}

    /** The text with each marker replaced by a deep value. */
    public static String expand(String json, Random random) {
        if (!json.contains(QUOTED_MARKER)) {
            return json;
        }
        int[] depths = {100, 999, 1_001, 5_000, 100_000};
        int depth = depths[random.nextInt(depths.length)];
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String deep = open.repeat(depth) + "1" + close.repeat(depth);
        return json.replace(QUOTED_MARKER, deep);
    }
}
