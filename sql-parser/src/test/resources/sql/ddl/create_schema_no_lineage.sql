CREATE SCHEMA IF NOT EXISTS lake.marketing WITH (location = 's3://lake/marketing/')
