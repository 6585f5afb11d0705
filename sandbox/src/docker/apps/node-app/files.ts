/**
 * The files of the lesson's app image (/usr/src/app): a small Express + knex project that
 * behaves as the seed post's app (POST /createUser stores a user; public/ holds a "Create a new
 * user" form). Our own code: it documents what app.ts emulates and is what `cat` shows inside
 * the container; it is never executed.
 */
export const APP_DIR = '/usr/src/app';
export const NODE_VERSION = 'v22.21.1';
/** The files' modification time (ms since the epoch): when the image was built. */
export const APP_FILES_MTIME_MS = 1767600000000;

/** Paths relative to APP_DIR. */
export const APP_FILES: Readonly<Record<string, string>> = {
  'package.json': `{
  "name": "tutorial_node_database",
  "version": "1.0.0",
  "description": "Create users through an HTTP API and keep them in MySQL",
  "main": "index.js",
  "scripts": {
    "start": "knex migrate:latest && node ."
  },
  "license": "ISC",
  "dependencies": {
    "body-parser": "^1.20.3",
    "express": "^4.21.2",
    "knex": "^3.1.0",
    "mysql2": "^3.14.0"
  }
}
`,
  'index.js': `const express = require('express')
const bodyParser = require('body-parser')
const store = require('./store')

const app = express()
app.use(express.static('public'))
app.use(bodyParser.json())

// Store the user, then answer 200 (no error handling, as in the original tutorial).
app.post('/createUser', (req, res) => {
  store
    .createUser({ username: req.body.username, password: req.body.password })
    .then(() => res.sendStatus(200))
})

app.listen(7555, () => {
  console.log('Server running on http://localhost:7555')
})
`,
  'store.js': `const knex = require('knex')(require('./knexfile'))

module.exports = {
  createUser ({ username, password }) {
    console.log(\`Add user \${username} with password \${password}\`)
    return knex('user').insert({ username, password })
  }
}
`,
  'knexfile.js': `module.exports = {
  client: 'mysql2',
  connection: {
    host: process.env.DB_HOST || 'localhost',
    user: process.env.DB_USER || 'root',
    password: process.env.DB_PASSWORD || '',
    database: process.env.DB_NAME || 'tutorial_node_database'
  }
}
`,
  'migrations/20170924060137_new_user_for_node.js': `exports.up = function (knex) {
  return knex.schema.createTable('user', function (t) {
    t.increments('id').primary()
    t.string('username')
    t.string('password')
    t.timestamps(false, true)
  })
}

exports.down = function (knex) {
  return knex.schema.dropTableIfExists('user')
}
`,
  'public/index.html': `<!DOCTYPE html>
<html>
<head><title>Users</title></head>
<body>
<form class="CreateUser">
  <h1>Create a new user</h1>
  <input type="text" class="username" placeholder="username">
  <input type="password" class="password" placeholder="password">
  <input type="submit" value="Create user">
</form>
<script src="/app.js"></script>
</body>
</html>
`,
  'public/app.js': `const form = document.querySelector('.CreateUser')

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const username = form.querySelector('.username').value
  const password = form.querySelector('.password').value
  window.fetch('/createUser', {
    method: 'POST',
    headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password })
  })
})
`,
};
