# syntax=docker/dockerfile:1
# The bot as a container: built with the .NET SDK image, run on the ASP.NET Core runtime image as its non-root
# "app" user. Build: docker build -t factbot .   Run: see compose.yaml and README.md (Deploy).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a code change does not re-download packages.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/Bot.Engine/Bot.Engine.csproj src/Bot.Engine/
COPY src/Bot.Runtime/Bot.Runtime.csproj src/Bot.Runtime/
COPY src/Bot.Slack/Bot.Slack.csproj src/Bot.Slack/
COPY src/Bot.Discord/Bot.Discord.csproj src/Bot.Discord/
COPY src/Bot.Host/Bot.Host.csproj src/Bot.Host/
RUN dotnet restore src/Bot.Host/Bot.Host.csproj
COPY appsettings.json ./
COPY responses/ responses/
COPY src/ src/
# ReadyToRun for the build machine's platform (linux-x64 or linux-arm64), framework-dependent: what
# `dotnet publish src/Bot.Host -c Release` gives on any machine (Bot.Host.csproj sets it).
RUN dotnet publish src/Bot.Host/Bot.Host.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Listen on every interface inside the container (the default, 127.0.0.1:5080, is for a laptop); the sentence
# model's vector cache goes to a folder the non-root user may write.
ENV ASPNETCORE_URLS=http://+:8080 \
    Content__CachePath=/tmp/factbot-cache
EXPOSE 8080
# The runtime image has no curl: the bot probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["dotnet", "/app/Bot.Host.dll", "healthcheck"]
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/Bot.Host.dll"]
