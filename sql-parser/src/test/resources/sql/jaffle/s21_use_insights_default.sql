USE insights.default
