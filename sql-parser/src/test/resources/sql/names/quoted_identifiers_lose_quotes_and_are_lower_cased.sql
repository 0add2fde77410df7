CREATE TABLE insights."Default"."Order Facts" AS
SELECT o."Order Id",
       o."Total Amount" AS "Total USD"
FROM "OrdersDB"."public"."Legacy Orders" o
