# ips-mock's standalone server on the official Node image. Build: docker build -t ips-mock .
# Run:   docker run --rm -p 8080:8080 ips-mock
# The admin API (and its dashboard) answers beyond loopback only with a token:
#        docker run --rm -p 8080:8080 ips-mock serve --host 0.0.0.0 --admin-token secret
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# The CLI is one bundled file with every dependency inside: nothing to install at run time.
FROM node:20-bookworm-slim
COPY --from=build /src/dist/cli/ips-mock.js /opt/ips-mock/ips-mock.js
USER node
EXPOSE 8080
ENTRYPOINT ["node", "/opt/ips-mock/ips-mock.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
