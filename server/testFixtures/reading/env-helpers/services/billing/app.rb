require "sinatra/base"
require_relative "config/app"

class Billing < Sinatra::Base
  set :port, PORT
  get("/health") { "ok" }
  run! if app_file == $PROGRAM_NAME
end
