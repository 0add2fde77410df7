SELECT id, first_name, last_name FROM customers WHERE id <= 3
