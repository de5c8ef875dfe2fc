import uvicorn

from admin.settings import ADMIN_PORT

uvicorn.run("admin.app:app", port=ADMIN_PORT)
