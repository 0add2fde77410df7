CREATE TABLE IF NOT EXISTS sales.order_items (
    order_id bigint NOT NULL REFERENCES sales.orders (id),
    product_id bigint NOT NULL,
    quantity integer NOT NULL,
    PRIMARY KEY (order_id, product_id),
    FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
)
