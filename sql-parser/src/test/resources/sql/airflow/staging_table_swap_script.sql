create table lake.banking.fx_rates_daily__tmp_20261122 as
select r.rate_date, r.base_ccy, r.quote_ccy, r.mid_rate
from market_data.public.fx_rates r
where r.rate_date = date '2026-11-22';

drop table if exists lake.banking.fx_rates_daily;

alter table lake.banking.fx_rates_daily__tmp_20261122 rename to lake.banking.fx_rates_daily;
