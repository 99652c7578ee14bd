-- Retention removes ended visits and log entries by age, in small batches, oldest first.
CREATE INDEX visits_ended ON visits (ended_at);
CREATE INDEX customer_logs_time ON customer_logs (timestamp);
