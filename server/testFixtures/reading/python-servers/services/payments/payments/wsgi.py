def application(environ, start_response):
    start_response("402 Payment Required", [])
    return [b""]
