INSERT INTO lake.sales.currencies (code, name, minor_units)
VALUES ('EUR', 'Euro', 2), ('JPY', 'Yen', 0), ('USD', 'US Dollar', 2)
