-- One person's name (0035, 0036) also begins with the same word: the family name, first in a Vietnamese name.
--
-- 0036 still took "Thị Lan" (two words, among "Mai Thị Lan"'s, the same given name) and "Lan Lan" for "Mai Thị
-- Lan", and "Văn An" for "Nguyễn Văn An": as weak as "Lan" alone. Now, besides the same name (rc_fold), the
-- shorter of two names of two words or more, all among the longer's, must begin and end as it does: "Mai Lan" is
-- "Mai Thị Lan", "Nguyễn An" is "Nguyễn Văn An"; "Thị Lan", "Lan Lan" and "Văn An" are nobody's.
CREATE OR REPLACE FUNCTION rc_same_name(a text, b text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH w AS (SELECT string_to_array(rc_fold(a), ' ') AS x, string_to_array(rc_fold(b), ' ') AS y)
    SELECT x = y OR (x[1] = y[1] AND x[cardinality(x)] = y[cardinality(y)]
                     AND least(cardinality(x), cardinality(y)) >= 2 AND (x <@ y OR y <@ x))
      FROM w
$$;
