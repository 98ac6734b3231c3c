# Multi-stage build: a static binary in a minimal, non-root image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ignition ./app/cmd/ignition

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ignition /ignition
USER nonroot:nonroot
ENV IGNITION_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/ignition"]
CMD ["serve"]
