# Helpers for scripts that drive a running Relief as its users do: sign in, make a personal API token.

relief_sign_in() {  # base jar email password: signs in, keeping the session cookie in jar
    local base=$1 jar=$2 csrf
    csrf=$(curl -fs -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
    curl -fs -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "email=$3" \
        --data-urlencode "password=$4" "$base/login"
}

relief_api_token() {  # base jar name: prints a new 90-day API token of the signed-in user, made on the account page
    local base=$1 jar=$2 csrf
    csrf=$(curl -fs -b "$jar" "$base/account" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -fs -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "name=$3" --data-urlencode "expiresIn=90" \
        "$base/account/api-tokens" | sed -n 's/.*id="new-token" value="\([^"]*\)".*/\1/p'
}
