-- Donors' phone and identity numbers in rc_shared.contact's written form, which the API keeps from now
-- on and upsert_donor compares: a donor recorded as "+84912345678" is found again as "0912 345 678",
-- one recorded with "c1234567" as "C1234567". An identity number whose written form another donor of
-- the same type already holds (donors_id_number is unique) stays as it was: merging two donors' gifts
-- is a decision for a person, not for a migration.
UPDATE donors
   SET phone = rc_phone_key(phone)
 WHERE rc_phone_key(phone) IS NOT NULL AND rc_phone_key(phone) <> phone;
UPDATE donors d
   SET id_number = first.written
  FROM (SELECT DISTINCT ON (donor_type, rc_id_number_key(id_number))
               id, rc_id_number_key(id_number) AS written
          FROM donors
         WHERE rc_id_number_key(id_number) IS NOT NULL AND rc_id_number_key(id_number) <> id_number
         ORDER BY donor_type, rc_id_number_key(id_number), created_at, id) first
 WHERE d.id = first.id
   AND NOT EXISTS (SELECT FROM donors o WHERE o.donor_type = d.donor_type AND o.id_number = first.written);
