/**
 * The Docker lessons solved as a learner types them: a private network with fixed addresses,
 * names through Docker's DNS and isolation from the default bridge; then nginx in front of the
 * Node.js app and MySQL, 502 Bad Gateway until the app listens, a user created through the proxy
 * and found in the database.
 */
import { expect, runLine, stepDone, test, typeLine, waitForTerminal } from './fixtures';

const LAB = 'root@master1:~#';

test('Private networks in Docker: every step ticks', async ({ page, guard }) => {
  void guard;
  test.setTimeout(120_000);
  await page.goto('/docs/docker/private-networks');
  await runLine(page, 'docker network ls', LAB);
  await expect(stepDone(page, "List Docker's networks")).toBeVisible();
  await runLine(page, 'docker network create --subnet=172.20.0.0/16 kubenet', LAB);
  await expect(stepDone(page, 'Create the network kubenet with the subnet 172.20.0.0/16')).toBeVisible();
  await runLine(page, 'docker run --net kubenet --ip 172.20.0.10 --name web1 -dit alpine', LAB);
  await runLine(page, 'docker run --net kubenet --ip 172.20.0.11 --name web2 -dit alpine', LAB);
  await expect(stepDone(page, 'Start web1 at 172.20.0.10 and web2 at 172.20.0.11 on kubenet')).toBeVisible();
  let t = await runLine(page, 'docker exec web1 ping -c 2 172.20.0.11', LAB);
  expect(t).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
  await expect(stepDone(page, 'Ping web2 from web1 by its address')).toBeVisible();
  t = await runLine(page, 'docker exec web1 ping -c 2 web2', LAB);
  expect(t).toContain('PING web2 (172.20.0.11): 56 data bytes');
  await expect(stepDone(page, 'Ping web2 from web1 by name')).toBeVisible();
  await runLine(page, 'docker run --name outsider -dit alpine', LAB);
  t = await runLine(page, 'docker exec outsider ping -c 2 172.20.0.10', LAB);
  expect(t).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
  await expect(stepDone(page, 'Start outsider on the default bridge and try to ping web1 from it')).toBeVisible();
  t = await runLine(page, 'docker exec outsider ping -c 1 web1', LAB);
  expect(t).toContain("ping: bad address 'web1'");
  await expect(page.getByRole('region', { name: 'Steps' }).getByText('6 of 6 done')).toBeVisible();
});

test('A web app behind a reverse proxy: 502 until the app listens, then a user in MySQL', async ({ page, guard }) => {
  void guard;
  test.setTimeout(150_000);
  await page.goto('/docs/docker/reverse-proxy');
  await runLine(page, 'docker network create webnet', LAB);
  await expect(stepDone(page, 'Create the network webnet')).toBeVisible();
  await runLine(page, 'docker run -d --name db --network webnet -e MYSQL_ROOT_PASSWORD=sree -e MYSQL_DATABASE=tutorial_node_database mysql', LAB);
  await expect(stepDone(page, 'Start MySQL as the container db on webnet')).toBeVisible();
  await runLine(page, 'sleep 8', LAB, 40_000);
  let t = await runLine(page, 'docker logs db', LAB);
  expect(t).toMatch(/ready for connections\. Version: '8\.4\.\d+' {2}socket: '\/var\/run\/mysqld\/mysqld\.sock' {2}port: 3306/);
  await expect(stepDone(page, 'Wait until the database is ready for connections')).toBeVisible();
  await runLine(page, 'docker run -dit --name app --network webnet -e DB_HOST=db -e DB_PASSWORD=sree tutorial-node-database bash', LAB);
  await expect(stepDone(page, 'Start the container app on webnet, with a shell')).toBeVisible();
  await runLine(page, 'docker run -d --name proxy --network webnet -p 8080:80 -v /root/default.conf:/etc/nginx/conf.d/default.conf nginx', LAB);
  await expect(stepDone(page, 'Start nginx as the container proxy, published on port 8080')).toBeVisible();
  t = await runLine(page, 'curl -i localhost:8080', LAB);
  expect(t).toContain('HTTP/1.1 502 Bad Gateway\nServer: nginx/1.27.4');
  expect(t).toContain('<center><h1>502 Bad Gateway</h1></center>');
  await expect(stepDone(page, 'Get 502 Bad Gateway from the proxy')).toBeVisible();
  await runLine(page, 'docker exec -d app npm start', LAB);
  await runLine(page, 'sleep 2', LAB);
  // The API answers OK with no newline, so the prompt follows on the same line.
  await typeLine(page, `curl -X POST -H "Content-Type: application/json" -d '{"username":"ada","password":"lovelace"}' localhost:8080/createUser`);
  await waitForTerminal(page, (x) => x.trimEnd().endsWith(`OK${LAB}`));
  await expect(stepDone(page, 'Start the application and create a user through the proxy')).toBeVisible();
  t = await runLine(page, "docker exec db mysql -u root -psree tutorial_node_database -e 'select * from user'", LAB);
  expect(t).toMatch(/\| +1 \| ada +\| lovelace \|/);
  await expect(stepDone(page, 'Read the user table in MySQL')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Steps' }).getByText('8 of 8 done')).toBeVisible();
});
