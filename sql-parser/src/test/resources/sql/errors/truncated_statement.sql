SELECT id, total_amount FROM
