from flask import Flask

from geo.config import PORT

app = Flask(__name__)

app.run(host="0.0.0.0", port=PORT)
