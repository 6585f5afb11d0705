/**
 * The application images of the Docker lessons, registered with the engine at module load:
 * mysql (server + client), nginx (reverse proxy), and the lesson's Node.js app.
 */
import './mysql/image';
import './nginx/image';
import './node-app/image';
