<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Identity</name>
    <message>
        <location filename="../identity/words.py" line="15"/>
        <source>resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="16"/>
        <source>Hong Kong, Macao and Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="19"/>
        <location filename="../identity/words.py" line="22"/>
        <source>foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="27"/>
        <source>card of a kind this terminal does not know</source>
        <translation>本终端不认识的卡</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="34"/>
        <source>Renew the permit at the county public security bureau&apos;s entry-exit window.</source>
        <translation>请到县公安局出入境窗口换领居住证。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="38"/>
        <source>Renew the card at the exit-entry administration.</source>
        <translation>请到出入境管理部门换领。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="41"/>
        <source>Renew it at the household registration window of your police station (居民身份证换领); the service guide on this terminal lists what to bring.</source>
        <translation>请到派出所户籍窗口办理居民身份证换领，本机“办事指南”里有要带的材料。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="50"/>
        <source>Use my ID card</source>
        <translation>刷身份证</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="51"/>
        <source>Show my e-ID QR code</source>
        <translation>出示电子身份证二维码</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="52"/>
        <source>Type my ID number</source>
        <translation>输入身份证号码</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="61"/>
        <source>The card was moved before it was read.</source>
        <translation>身份证还没读完就被移动了。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="63"/>
        <source>Please lay it on the reader again and keep it still until your details show.</source>
        <translation>请重新放到感应区，保持不动，直到屏幕显示您的信息。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="68"/>
        <source>The card could not be read.</source>
        <translation>这张身份证读不出来。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="69"/>
        <source>Lay it flat on the reader once more.</source>
        <translation>请把它平放在感应区上再试一次。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="72"/>
        <source>This is not an ID card.</source>
        <translation>这不是身份证。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="74"/>
        <source>Please take bank and bus cards away and lay only your ID card on the reader.</source>
        <translation>请拿开银行卡、公交卡，只把身份证放在感应区上。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="79"/>
        <source>This terminal cannot take a %1.</source>
        <translation>本终端不能使用%1。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="83"/>
        <source>Or go to the service desk; the staff there will help you.</source>
        <translation>也可以到服务台，工作人员会帮您办理。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="89"/>
        <source>Your card expired on %1 and cannot be used.</source>
        <translation>您的证件已于 %1 过期，不能使用。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="94"/>
        <source>This card is valid only from %1.</source>
        <translation>这张证件从 %1 起才有效。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="97"/>
        <source>Please use your old card until then.</source>
        <translation>在此之前请使用旧证件。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="100"/>
        <source>The details on this card do not agree with each other.</source>
        <translation>这张证件上的信息互相不符。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="102"/>
        <source>Please go to the service desk with the card; the staff there will check it.</source>
        <translation>请带着证件到服务台，由工作人员核对。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="107"/>
        <source>The ID card reader is not working right now.</source>
        <translation>身份证读卡器暂时不能使用。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="111"/>
        <location filename="../identity/words.py" line="180"/>
        <location filename="../identity/words.py" line="189"/>
        <source>Please go to the service desk; the staff there will help you.</source>
        <translation>请到服务台，工作人员会帮您办理。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="116"/>
        <source>This is not an e-ID code.</source>
        <translation>这不是电子身份证二维码。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="118"/>
        <source>Open the e-ID (国家网络身份认证) app on your phone and show its QR code.</source>
        <translation>请在手机上打开“国家网络身份认证”App，出示其中的二维码。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="122"/>
        <source>This e-ID code was not recognised.</source>
        <translation>这个电子身份证二维码无法识别。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="123"/>
        <source>Please refresh the code in the app and show it again.</source>
        <translation>请在 App 里刷新二维码后重新出示。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="129"/>
        <source>This e-ID code is too old.</source>
        <translation>这个电子身份证二维码已失效。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="131"/>
        <source>The code on the phone changes every minute: refresh it in the app and show it again.</source>
        <translation>手机上的二维码每分钟更新，请在 App 里刷新后重新出示。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="136"/>
        <source>This is not a valid ID number.</source>
        <translation>身份证号码不正确。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="138"/>
        <source>Please check the 18 characters (the last may be X) and type them again.</source>
        <translation>请核对 18 位号码（最后一位可能是 X）后重新输入。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="142"/>
        <source>No mobile number is on record for this ID number.</source>
        <translation>这个身份证号码没有登记手机号码。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="146"/>
        <source>The code has 6 digits.</source>
        <translation>验证码是 6 位数字。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="148"/>
        <source>Please type the 6 digits from the text message.</source>
        <translation>请输入短信里的 6 位数字。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="150"/>
        <source>The code is not right.</source>
        <translation>验证码不对。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="152"/>
        <source>Please type the 6 digits from the latest text message again.</source>
        <translation>请重新输入最新一条短信里的 6 位数字。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="156"/>
        <source>The code has expired.</source>
        <translation>验证码已过期。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="158"/>
        <source>Please ask for a new text message.</source>
        <translation>请重新获取短信验证码。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="160"/>
        <source>The terminal cannot reach the service centre&apos;s system right now.</source>
        <translation>终端暂时连不上政务服务中心的系统。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="163"/>
        <source>You can still use your ID card on the reader.</source>
        <translation>您仍然可以刷身份证。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="165"/>
        <source>Please try again in a moment, or go to the service desk.</source>
        <translation>请稍后再试，或到服务台办理。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="171"/>
        <source>Too many tries.</source>
        <translation>尝试次数太多。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="172"/>
        <source>Please wait %1 minutes, or go to the service desk.</source>
        <translation>请等 %1 分钟再试，或到服务台办理。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="178"/>
        <source>You could not be confirmed.</source>
        <translation>未能核实您的身份。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="184"/>
        <source>This way cannot be used for this service.</source>
        <translation>这项业务不能用这种方式核验身份。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="187"/>
        <source>This terminal cannot do this right now.</source>
        <translation>本终端暂时不能办理。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="199"/>
        <source>You can also show the e-ID QR code on your phone.</source>
        <translation>也可以出示手机上的电子身份证二维码。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="203"/>
        <source>You can also type your ID number and get a code by text message.</source>
        <translation>也可以输入身份证号码，用短信验证码核验。</translation>
    </message>
    <message>
        <location filename="../identity/words.py" line="206"/>
        <source>You can also show the e-ID QR code on your phone, or type your ID number and get a code by text message.</source>
        <translation>也可以出示手机上的电子身份证二维码，或输入身份证号码用短信验证码核验。</translation>
    </message>
</context>
<context>
    <name>IdentityPanel</name>
    <message>
        <location filename="../identity/panel.py" line="415"/>
        <source>Please lay your ID card on the reader</source>
        <translation>请将身份证放在感应区</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="418"/>
        <source>Lay the card flat on the reader&apos;s sensing area, below the screen, and keep it still until your details show. It takes a second.</source>
        <translation>把身份证平放在屏幕下方读卡器的感应区上，保持不动，直到屏幕显示您的信息，只需一两秒。</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="424"/>
        <source>No card with you?</source>
        <translation>没带身份证？</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="428"/>
        <location filename="../identity/panel.py" line="447"/>
        <location filename="../identity/panel.py" line="450"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="431"/>
        <source>Reading your ID card…</source>
        <translation>正在读取身份证…</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="432"/>
        <source>Please do not move the card.</source>
        <translation>请不要移动身份证。</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="433"/>
        <source>Please show your e-ID QR code</source>
        <translation>请出示电子身份证二维码</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="436"/>
        <source>Open the e-ID (国家网络身份认证) app, or the e-ID in WeChat or Alipay, and hold the QR code it shows under the scanner.</source>
        <translation>打开“国家网络身份认证”App，或微信、支付宝里的电子身份证，把显示的二维码对准扫码口。</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="440"/>
        <source>Type your ID number</source>
        <translation>输入身份证号码</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="443"/>
        <source>18 characters; the last may be X. A code is then texted to the mobile number on record for it.</source>
        <translation>共 18 位，最后一位可能是 X。验证码会发到这个号码登记的手机上。</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="448"/>
        <source>Text me a code</source>
        <translation>发送验证码</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="449"/>
        <source>Type the code from the text message</source>
        <translation>输入短信验证码</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="451"/>
        <source>Send it again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="452"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="453"/>
        <source>Is this you?</source>
        <translation>这是您本人吗？</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="455"/>
        <source>Your details are used for this visit only and are wiped when you finish.</source>
        <translation>您的信息只用于本次办理，办完即清除。</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="457"/>
        <source>This is not me</source>
        <translation>不是我</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="458"/>
        <source>Yes, continue</source>
        <translation>是我，继续</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="588"/>
        <source>We texted a 6-digit code to %1. It works for %2 minutes.</source>
        <translation>6 位验证码已发到 %1，%2 分钟内有效。</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="617"/>
        <source>Lay the card again</source>
        <translation>重新放身份证</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="625"/>
        <source>Checking your e-ID…</source>
        <translation>正在核验电子身份证…</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="626"/>
        <source>Sending the text message…</source>
        <translation>正在发送短信…</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="627"/>
        <source>Checking the code…</source>
        <translation>正在核对验证码…</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="628"/>
        <source>One moment please…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="656"/>
        <source>Name: %1</source>
        <translation>姓名：%1</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="658"/>
        <source>ID number: %1</source>
        <translation>证件号码：%1</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="662"/>
        <source>Sex: %1</source>
        <translation>性别：%1</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="664"/>
        <source>Ethnic group: %1</source>
        <translation>民族：%1</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="666"/>
        <source>Valid: no end date</source>
        <translation>有效期：长期</translation>
    </message>
    <message>
        <location filename="../identity/panel.py" line="668"/>
        <source>Valid until: %1</source>
        <translation>有效期至：%1</translation>
    </message>
</context>
<context>
    <name>WhoRow</name>
    <message>
        <location filename="../identity/who.py" line="75"/>
        <source>The 12345 hotline will know who made the request and can reply to you.</source>
        <translation>12345 热线会知道是谁反映的，可以实名答复您。</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="76"/>
        <source>The case is taken in under the name on the card.</source>
        <translation>按证件上的姓名受理办件。</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="101"/>
        <source>You are filing anonymously. To have the reply in your name, you may give your name (optional).</source>
        <translation>您现在是匿名反映。如需实名答复，可以核验身份（自愿）。</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="105"/>
        <source>Applicant: not identified yet. Ask the citizen for the ID card.</source>
        <translation>申请人：尚未核验。请群众出示身份证。</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="108"/>
        <source>Give my name (ID card)</source>
        <translation>实名反映（刷身份证）</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="110"/>
        <source>Read the ID card</source>
        <translation>读取身份证</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="117"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="118"/>
        <source>e-ID</source>
        <translation>电子身份证</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="119"/>
        <source>text message code</source>
        <translation>短信验证码</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="122"/>
        <source>Filed in the name of %1 (ID %2).</source>
        <translation>实名反映：%1（证件号码 %2）。</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="124"/>
        <source>Applicant: %1, ID %2 (checked by %3).</source>
        <translation>申请人：%1，证件号码 %2（%3核验）。</translation>
    </message>
    <message>
        <location filename="../identity/who.py" line="130"/>
        <source>File anonymously instead</source>
        <translation>改为匿名反映</translation>
    </message>
</context>
</TS>
