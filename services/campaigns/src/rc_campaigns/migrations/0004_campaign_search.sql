-- Finding campaigns by a fragment of their code or name (GET /campaigns?q=), diacritics and case
-- ignored: the members service's definition of a text as searched (rc_campaigns.domain.campaigns.fold mirrors it).
-- "Tết Nhân ái" -> "tet nhan ai"; đ/Đ -> d (a letter of its own that Unicode does not decompose).
CREATE OR REPLACE FUNCTION rc_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(btrim(regexp_replace(
        translate(regexp_replace(normalize(value, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dD'),
        '\s+', ' ', 'g')))
$$;
