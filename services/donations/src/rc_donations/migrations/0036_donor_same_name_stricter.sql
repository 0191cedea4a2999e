-- One person's name, for recognising an individual donor by their identity number (0035), read more strictly.
--
-- 0035 took two names as one person's when the words of either were all among the other's. A single word
-- ("Lan", "Nguyễn") typed with someone else's CCCD still found "Mai Thị Lan" or "Nguyễn Văn An" — their name
-- published, their consent switched on — and "Lê Thị Cúc" was taken for "Lê Thị Cúc Anh". Now two names are
-- one person's when they are the same (accents, case and spaces aside: rc_fold), or when the shorter has two
-- words or more, all among the longer's, and both end with the same word (the given name, last in a
-- Vietnamese name): "Mai Lan" is "Mai Thị Lan", "Lan" is nobody's, "Lê Thị Cúc" is not "Lê Thị Cúc Anh".
CREATE OR REPLACE FUNCTION rc_same_name(a text, b text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH w AS (SELECT string_to_array(rc_fold(a), ' ') AS x, string_to_array(rc_fold(b), ' ') AS y)
    SELECT x = y OR (x[cardinality(x)] = y[cardinality(y)]
                     AND ((cardinality(x) >= 2 AND x <@ y) OR (cardinality(y) >= 2 AND y <@ x)))
      FROM w
$$;
