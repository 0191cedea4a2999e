-- Phone and identity numbers in rc_shared.contact's written form (the API keeps them so from now on):
-- "0912 345 678" and "+84 912 345 678" are both 0912345678, "c1234567" is C1234567. A stored number that
-- is not one by the rule (a 6-digit phone the earlier rule took) stays as it was: a person editing that
-- record is asked for a valid one.
UPDATE personal_data
   SET phone = rc_phone_key(phone)
 WHERE rc_phone_key(phone) IS NOT NULL AND rc_phone_key(phone) <> phone;
UPDATE personal_data
   SET id_number = rc_id_number_key(id_number)
 WHERE rc_id_number_key(id_number) IS NOT NULL AND rc_id_number_key(id_number) <> id_number;
