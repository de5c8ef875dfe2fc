FROM golang:1.22-alpine AS build
WORKDIR /src
COPY reports/go.mod reports/go.sum ./
RUN go mod download
COPY reports/ ./
RUN go build -o /out/reports .

FROM alpine:3.20
COPY --from=build /out/reports /usr/local/bin/reports
EXPOSE 7320
ENTRYPOINT ["reports"]
