from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config["REPORT_ROWS_LIMIT"] = 50000
    return app
