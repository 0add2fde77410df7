SELECT X'00ff', U&'caf\00e9', E'a\n', N'x', B'0101', DATE '2026-11-23', TIMESTAMP '2026-11-23 01:02:03', 'it''s'
