# frozen_string_literal: true

def env_int(name, default) = Integer(ENV.fetch(name, default))

PORT = env_int("PORT", 4050)
DB_POOL = env_int("DB_POOL", 10)
INVOICE_DUE_DAYS = env_int("INVOICE_DUE_DAYS", 30)
