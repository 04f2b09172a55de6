/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The {@code aws.*} options: where the service is and who calls it. The same keys as
 * flink-connector-aws, shared by the DataStream builder and the SQL connector.
 */
@PublicEvolving
public final class AwsClientOptions {

    /** How the client finds its credentials. */
    public enum CredentialsProvider {
        /** The SDK's default chain: environment, system properties, profile, container, IMDS. */
        AUTO,
        /** An access key id and secret key given in the options. */
        BASIC,
        /** A named profile from the AWS config and credentials files. */
        PROFILE,
        /**
         * A role assumed through STS, calling STS with the credentials of {@code
         * aws.credentials.role.provider} (the default chain unless set).
         */
        ASSUME_ROLE,
        /** A web identity token file exchanged through STS. */
        WEB_IDENTITY_TOKEN
    }

    public static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The AWS region of the streams, e.g. us-east-1. Required: it is part of every request's signature.");

    public static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The control-plane endpoint (where GetDataEndpoint is called), e.g. http://127.0.0.1:4566 for the emulator. Default: the region's public endpoint.");

    public static final ConfigOption<CredentialsProvider> AWS_CREDENTIALS_PROVIDER =
            ConfigOptions.key("aws.credentials.provider")
                    .enumType(CredentialsProvider.class)
                    .defaultValue(CredentialsProvider.AUTO)
                    .withDescription("How credentials are found.");

    public static final ConfigOption<String> AWS_ACCESS_KEY_ID =
            ConfigOptions.key("aws.credentials.basic.accesskeyid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The access key id, with aws.credentials.provider=BASIC.");

    public static final ConfigOption<String> AWS_SECRET_ACCESS_KEY =
            ConfigOptions.key("aws.credentials.basic.secretkey")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The secret access key, with aws.credentials.provider=BASIC. Never logged.");

    public static final ConfigOption<String> AWS_SESSION_TOKEN =
            ConfigOptions.key("aws.credentials.basic.sessiontoken")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Optional session token of temporary credentials, with aws.credentials.provider=BASIC. Never logged.");

    public static final ConfigOption<String> AWS_PROFILE_NAME =
            ConfigOptions.key("aws.credentials.profile.name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The profile to read, with aws.credentials.provider=PROFILE (or aws.credentials.role.provider=PROFILE).");

    public static final ConfigOption<String> AWS_PROFILE_PATH =
            ConfigOptions.key("aws.credentials.profile.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Optional path of the AWS credentials file holding the profile. Default: the SDK's (~/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE).");

    public static final ConfigOption<String> AWS_ROLE_ARN =
            ConfigOptions.key("aws.credentials.role.arn")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The ARN of the role to assume, with aws.credentials.provider=ASSUME_ROLE or WEB_IDENTITY_TOKEN.");

    public static final ConfigOption<String> AWS_ROLE_SESSION_NAME =
            ConfigOptions.key("aws.credentials.role.sessionName")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The role session name (2 to 64 characters from [\\w+=,.@-]), with aws.credentials.provider=ASSUME_ROLE or WEB_IDENTITY_TOKEN.");

    public static final ConfigOption<String> AWS_ROLE_EXTERNAL_ID =
            ConfigOptions.key("aws.credentials.role.externalId")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Optional external id that the role's trust policy asks for, with aws.credentials.provider=ASSUME_ROLE.");

    public static final ConfigOption<CredentialsProvider> AWS_ROLE_CREDENTIALS_PROVIDER =
            ConfigOptions.key("aws.credentials.role.provider")
                    .enumType(CredentialsProvider.class)
                    .defaultValue(CredentialsProvider.AUTO)
                    .withDescription(
                            "With aws.credentials.provider=ASSUME_ROLE: the credentials that call STS AssumeRole. AUTO, BASIC, PROFILE or WEB_IDENTITY_TOKEN, configured by the same aws.credentials.* keys.");

    public static final ConfigOption<String> AWS_ROLE_STS_ENDPOINT =
            ConfigOptions.key("aws.credentials.role.stsEndpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Optional STS endpoint for ASSUME_ROLE and WEB_IDENTITY_TOKEN, e.g. a VPC endpoint. Default: the region's STS endpoint (aws.endpoint is not used for STS).");

    public static final ConfigOption<String> AWS_WEB_IDENTITY_TOKEN_FILE =
            ConfigOptions.key("aws.credentials.webIdentityToken.file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The file holding the web identity (OIDC) token, with aws.credentials.provider=WEB_IDENTITY_TOKEN. Read again at every credentials refresh.");

    private AwsClientOptions() {}
}
