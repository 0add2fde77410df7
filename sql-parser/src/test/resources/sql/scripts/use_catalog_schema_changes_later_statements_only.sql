SELECT count(*) FROM orders;
USE ordersdb.public;
SELECT count(*) FROM orders;
