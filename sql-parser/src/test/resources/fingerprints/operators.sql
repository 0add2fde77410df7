SELECT a FROM t WHERE a <= 1 AND b >= 2 AND c <> 3 AND d != 4 AND e || f = 'x' AND g::int = 1 AND h << 2 > i >> 1 AND transform(x, y -> y + 1) = filter(z, v => v)
