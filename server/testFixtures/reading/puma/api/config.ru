require "roda"

class Api < Roda
  route do |r|
    r.get("health") { "ok" }
  end
end

run Api.freeze.app
