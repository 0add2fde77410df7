INSERT INTO product_tags (product_id, tag)
VALUES (101, 'sale'), (102, 'new')
ON CONFLICT DO NOTHING
