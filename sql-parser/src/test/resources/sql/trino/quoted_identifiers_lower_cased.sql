CREATE TABLE "Iceberg"."Analytics"."DailyRevenue" AS
SELECT "Order Date" AS "Day", sum("Amount") AS "Revenue"
FROM "Iceberg"."Raw"."Orders"
GROUP BY "Order Date"
