create or replace
