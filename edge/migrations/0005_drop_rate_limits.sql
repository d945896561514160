-- Rate limits are counted by the Rate Limiting bindings (wrangler.toml), not in D1.
DROP TABLE rate_limits;
