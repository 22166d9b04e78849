-- The human ticket id (Sympoq style, e.g. 09-13-O-TW4): the creation month and day, then the
-- workspace ticket number in base 36 (at least four digits) with its last three set apart.
-- Computed where the number is drawn, so a create takes its number and writes its ticket in
-- one statement.
CREATE FUNCTION "ticket_ref"(created timestamp, n integer) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  code text := '';
  rest bigint := n;
BEGIN
  LOOP
    code := substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (rest % 36)::int + 1, 1) || code;
    rest := rest / 36;
    EXIT WHEN rest = 0 AND length(code) >= 4;
  END LOOP;
  RETURN to_char(created, 'MM-DD') || '-' || left(code, -3) || '-' || right(code, 3);
END $$;
