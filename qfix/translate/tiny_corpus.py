"""Arabic and English text the tiny test model's vocabularies are trained on.

Taken from the project's own data (tests/cases/dev.jsonl: repaired Arabic and reference
English; seeds/), so `qfix models make-tiny` works from an installed package.
"""

ARABIC = """\
الكرملين يعلق على احتمال إجراء محادثات نووية مع الولايات المتحدة
قال دميتري بيسكوف المتحدث باسم الكرملين إن أي محادثات أمنية يجب أن تكون أوسع نطاقا نظرا للوضع الحالي.
قال المتحدث باسم الكرملين ديمتري بيسكوف، إن موسكو تعتبر المحادثات بشأن خفض التهديد النووي أمرا حيويا، لكن أي مناقشات تجريها القوى العالمية يجب أن تكون أوسع نطاقا نظرا للوضع الحالي فيما يتعلق بالصراع الأوكراني.
وكانت الولايات المتحدة قد أشارت في وقت سابق إلى أنها منفتحة على الحوار مع روسيا والصين وكوريا الشمالية بشأن قضايا الأمن النووي.
وقال بيسكوف في مؤتمر صحفي يوم الاثنين بعد سؤاله عن احتمال مشاركة روسيا في المحادثات: «في الواقع، لقد تحدث رئيسنا بالفعل عن هذا الأمر. وتعتبر روسيا مثل هذه الاتصالات ضرورية ولا يمكن تأجيلها، ولكن يجب علينا النظر في جميع القضايا الأمنية ككل، مع الأخذ في الاعتبار الوضع الحالي».
وقال: «في ظروف الحرب التي تُشن ضد روسيا بمشاركة غير مباشرة وحتى مباشرة من القوى النووية مثل الولايات المتحدة والمملكة المتحدة وفرنسا، فمن المستحيل تمامًا الحديث عن هذا دون وضع الموضوع في سياق جميع الجوانب الأمنية الأخرى».
دعا الرئيس الأميركي جو بايدن، الأحد، القوى العالمية إلى مواصلة اتخاذ خطوات لجعل العالم أكثر أماناً من خلال تخليصه من الأسلحة النووية.
وقال بايدن في بيان هنأ فيه الفائزين بجائزة نوبل للسلام لهذا العام، منظمة نيهون هيدانكيو اليابانية المناهضة للأسلحة النووية: «إن الحد من التهديد النووي أمر مهم ليس على الرغم من المخاطر التي يواجهها عالم اليوم ولكن بسببها على وجه التحديد».
وفي أغسطس/آب، ذكرت صحيفة نيويورك تايمز أن بايدن وافق على استراتيجية نووية أمريكية للاستعداد لمواجهات نووية منسقة محتملة مع روسيا والصين وكوريا الشمالية. ونقلت الصحيفة عن البيت الأبيض قوله إن الخطة تمت الموافقة عليها في مارس الماضي ولم تكن ردا على دولة أو تهديد معين.
ولطالما أكدت موسكو أنها لا ترغب في استخدام الأسلحة النووية. ومع ذلك، حذر المسؤولون الروس من أن تورط الغرب المتزايد في الصراع الأوكراني، الذي تعتبره موسكو حربًا بالوكالة يشنها الغرب ضد روسيا، قد يؤدي إلى مواجهة مباشرة.
في الشهر الماضي، أعلن الرئيس فلاديمير بوتن اعتزامه إجراء تغييرات حاسمة على العقيدة النووية الروسية. جاء ذلك ردا على مداولات الولايات المتحدة وحلفائها بشأن منح الإذن لأوكرانيا باستخدام الأسلحة التي زودها بها الغرب لضرب أهداف في عمق روسيا. ستسمح التغييرات المقترحة للقيادة الروسية بالتعامل مع أي هجوم تشنه دولة غير نووية تدعمها دولة نووية باعتباره تهديدًا مشتركًا عند اتخاذ قرار بشأن الرد باستخدام الأسلحة النووية.
يواجه العالم التهديد المتزايد للحرب النووية نتيجة للغرب «سياسة مدمرة» وحذرت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا الأسبوع الماضي. وكررت دعوات موسكو للنظر في هذه الإمكانية «عواقب كارثية» من هذه التصرفات.
مدرب الساحل يتعهد بالعودة سريعا بعد الخسارة الثقيلة أمام المتصدر
تعهد مدرب نادي الساحل البرتغالي ماركو فيريرا بأن يستعيد فريقه توازنه سريعا، بعد خسارته بثلاثة أهداف مقابل هدف أمام المتصدر مساء السبت.
وقال فيريرا في المؤتمر الصحفي عقب المباراة: «لم نكن في مستوانا اليوم، ويجب أن نتحمل المسؤولية جميعا».
وتراجع الساحل إلى المركز الخامس في جدول الترتيب برصيد 31 نقطة، بفارق تسع نقاط عن المتصدر.
وقال المدرب: «اللاعبون يعرفون ما ينتظرهم، والأسبوع المقبل سيكون مختلفا»، مضيفا أن الإصابات أثرت في خياراته الهجومية.
وعن مستقبله مع النادي، قال: «هل تعتقدون أنني سأستسلم بعد مباراة واحدة؟ هذا ليس أسلوبي».
وتساءل أحد المشجعين أمام الملعب: «هل ما زلنا قادرين على المنافسة على اللقب؟».
تلسكوب فضائي يرصد بخار الماء في غلاف كوكب صخري بعيد
أعلن فريق دولي من علماء الفلك أنه رصد آثار بخار الماء في الغلاف الجوي لكوكب صخري يدور حول نجم قزم أحمر، على بعد نحو 120 سنة ضوئية من الأرض.
وقالت عالمة الفيزياء الفلكية سارة لينديغرن التي قادت الدراسة: «هذه هي المرة الأولى التي نرى فيها إشارة بهذا الوضوح لكوكب بهذا الحجم».
ووصف الباحثون النتيجة بأنها «خطوة مهمة» نحو فهم الكواكب الصخرية الصغيرة، لكنهم شددوا على أن وجود الماء لا يعني بالضرورة وجود حياة.
«لا نزال بحاجة إلى مزيد من الرصد لتأكيد تركيب الغلاف الجوي بدقة»، بحسب ما أوضحت لينديغرن في مقابلة هاتفية.
ونشرت نتائج الدراسة في مجلة علمية محكمة يوم الأربعاء، ومن المقرر أن يعود الفريق إلى رصد الكوكب مرة أخرى العام المقبل.
محكمة تقضي بسجن مدير شركة عقارية خمس سنوات بتهمة الاحتيال
قضت محكمة الجنايات في العاصمة، الثلاثاء، بسجن مدير شركة عقارية خمس سنوات وتغريمه مليوني دولار، بعد إدانته بالاحتيال على مئات المشترين الذين دفعوا ثمن شقق لم تُبن قط.
«يلتزم المدان برد جميع المبالغ المحصلة خلال اثني عشر شهرا من تاريخ الحكم»، وفقا لمنطوق الحكم الذي اطلعت عليه الصحيفة.
وقالت القاضية في نص الحكم إن المتهم «استغل ثقة الأسر البسيطة» وقدم لها وعودا كاذبة على مدى ثلاث سنوات.
وقالت منى العلي، إحدى المتضررات، للصحفيين أمام المحكمة: «لقد انتظرنا هذا اليوم طويلا، وما زلنا نريد استعادة أموالنا».
وقال محامي الدفاع خالد منصور: «سنستأنف الحكم لأن المحكمة تجاهلت أدلة جوهرية».
وكان المتهم قد قال في جلسة سابقة: «لم أقصد خداع أحد، وقلت لهم منذ البداية “المشروع قد يتأخر”».
الأرصاد تحذر من أمطار غزيرة وسيول في المناطق الساحلية
حذرت هيئة الأرصاد الجوية من هطول أمطار غزيرة على المناطق الساحلية خلال الساعات الثماني والأربعين المقبلة، مع احتمال تشكل سيول في الأودية المنخفضة.
وقالت المتحدثة باسم الهيئة ليلى حداد في تصريح تلفزيوني: «ننصح المواطنين بتجنب القيادة في الطرق المنخفضة وعدم الاقتراب من مجاري الأودية».
وأضافت حداد خلال المقابلة نفسها: «من المتوقع أن تتجاوز كميات الأمطار في بعض المناطق 80 مليمترا خلال يوم واحد، وهو ما يعادل معدل شهر كامل».
وأعلنت وزارة التربية تعليق الدراسة الحضورية يوم الخميس في ثلاث محافظات، على أن يتحول الطلاب إلى التعليم عن بعد.
وحذر الدفاع المدني من أن «السيول قد تتشكل بسرعة كبيرة ودون إنذار مسبق».
أرباح شركة الاتصالات الوطنية تقفز 18 بالمئة بدعم من خدمات البيانات
أعلنت شركة الاتصالات الوطنية، الاثنين، ارتفاع صافي أرباحها في الربع الثالث بنسبة 18 بالمئة على أساس سنوي إلى 412 مليون دولار، مدعومة بنمو الطلب على خدمات البيانات والألياف الضوئية.
وقالت الرئيسة التنفيذية للشركة نادية الخطيب في مؤتمر عبر الهاتف مع المحللين: «نحن نحصد ثمار الاستثمارات التي بدأناها قبل ثلاث سنوات».
وأضافت الخطيب: «نتوقع أن يستمر هذا الزخم حتى نهاية العام»، مشيرة إلى أن الشركة سترفع توقعاتها للإيرادات السنوية.
وارتفع سهم الشركة بنسبة 4.2 بالمئة في التعاملات المبكرة بالبورصة.
وقال محللون في بنك استثماري إقليمي إن النتائج جاءت «أفضل من المتوقع»، لكنهم حذروا من أن المنافسة على الأسعار قد تضغط على هوامش الربح في العام المقبل.
وقالوا في مذكرة للعملاء: «لا نرى أي سبب لخفض توصيتنا بشراء السهم في الوقت الحالي».
فيلم عن الهجرة يفوز بالجائزة الكبرى في مهرجان المدينة السينمائي
فاز فيلم «الضفة الأخرى» للمخرجة الشابة ريم ناصر بالجائزة الكبرى في الدورة العشرين لمهرجان المدينة السينمائي، التي اختتمت مساء الجمعة.
وقالت ناصر في كلمتها خلال حفل الختام: «كيف يمكن أن نصنع أفلاما عن الهجرة من دون أن نسمع أصوات المهاجرين أنفسهم؟»
«لقد أمضينا عامين مع العائلات التي يروي الفيلم قصصها، وهذه الجائزة لهم قبل أن تكون لي».
ووصفت لجنة التحكيم الفيلم في بيانها بأنه «عمل شجاع وصادق» يطرح أسئلة صعبة دون أن يقدم إجابات جاهزة.
وذهبت جائزة أفضل ممثل إلى الممثل يوسف بنعلي عن دوره في فيلم «ليل طويل».
وقال بنعلي للصحفيين بعد الحفل: «سأعود إلى المسرح قريبا، لكن السينما بيتي الأول».
وزراء خارجية دول الجوار يتفقون على آلية مشتركة لمراقبة الحدود
اتفق وزراء خارجية خمس دول متجاورة، في ختام اجتماع استمر يومين، على إنشاء آلية مشتركة لمراقبة الحدود وتبادل المعلومات بشأن تهريب السلاح.
وقال وزير خارجية الدولة المضيفة في المؤتمر الصحفي الختامي: «لقد اتخذنا اليوم خطوة عملية بعد سنوات من البيانات العامة».
وأكدت وزيرة خارجية إحدى الدول المشاركة: «الآلية ستبدأ عملها خلال تسعين يوما، وستكون مفتوحة أمام أي دولة ترغب في الانضمام».
ولم يتطرق البيان الختامي إلى الخلافات المتعلقة بتقاسم مياه الأنهار، وهي قضية قال دبلوماسيون إنها «ستبقى على الطاولة» في الاجتماعات المقبلة.
وأوضح مسؤول في أحد الوفود الزائرة طلب عدم الكشف عن اسمه: «نحن لا نتوقع اختراقا في كل الملفات دفعة واحدة».
ومن المقرر أن يعقد الوزراء اجتماعهم المقبل في الربيع.
البنك المركزي يبقي أسعار الفائدة دون تغيير للمرة الثالثة على التوالي
أبقى البنك المركزي، الخميس، سعر الفائدة الرئيسي دون تغيير عند 5.5 بالمئة للاجتماع الثالث على التوالي، في خطوة جاءت متوافقة مع توقعات الأسواق.
وقال محافظ البنك في مؤتمر صحفي: «التضخم يتراجع، لكنه لم يصل بعد إلى المستوى الذي يسمح لنا بالتيسير».
وأضاف أن لجنة السياسة النقدية ستواصل مراقبة البيانات «اجتماعا بعد اجتماع» قبل اتخاذ أي قرار.
«نتوقع أول خفض للفائدة في الربع الثاني من العام المقبل»، بحسب ما كتب كبير الاقتصاديين في أحد المصارف المحلية في مذكرة للعملاء.
وسجل معدل التضخم السنوي 3.9 بالمئة الشهر الماضي، مقارنة بذروة بلغت 9 بالمئة قبل عامين.
حملة تطعيم وطنية ضد الحصبة تستهدف مليوني طفل
أطلقت وزارة الصحة، الأحد، حملة تطعيم وطنية ضد الحصبة تستهدف نحو مليوني طفل دون سن الخامسة، بعد تسجيل ارتفاع في عدد الإصابات خلال الأشهر الأخيرة.
وقال وكيل الوزارة لشؤون الرعاية الأولية: «اللقاح آمن ومجاني ومتوفر في جميع المراكز الصحية».
وأوضح الوكيل: «نسب التطعيم تراجعت في بعض المناطق إلى أقل من 70 بالمئة، وهذا مستوى خطير»، في إشارة إلى المناطق الريفية النائية.
وتساءلت طبيبة الأطفال هالة يوسف التي تعمل في أحد مستشفيات العاصمة: «هل يعقل أن نخسر أطفالا بسبب مرض يمكن الوقاية منه بسهولة؟».
وتستمر الحملة ثلاثة أسابيع، وتشمل فرقا متنقلة تزور المدارس ورياض الأطفال.
وتدعو الوزارة الأهالي إلى الاحتفاظ ببطاقة التطعيم لأنها «شرط للتسجيل في المدارس».
البرلمان يقر قانونا لتنظيم استخدام الذكاء الاصطناعي في الخدمات الحكومية
أقر البرلمان، الأربعاء، بأغلبية 142 صوتا مقابل 31، قانونا ينظم استخدام أنظمة الذكاء الاصطناعي في الخدمات الحكومية، ويلزم الجهات العامة بالإفصاح عن أي قرار آلي يمس حقوق المواطنين.
وقال النائب سامر عيسى، مقرر لجنة التشريع، خلال الجلسة: «لا يجوز أن يُحرم مواطن من خدمة أو دعم بقرار آلي لا يستطيع أن يفهمه أو يطعن فيه».
وأضاف: «كان شعارنا منذ البداية “الإنسان يقرر في النهاية”، وهذا ما يضمنه القانون».
وقالت رئيسة اتحاد شركات التقنية دينا فرح: «القانون يضع عبئا إداريا كبيرا على المؤسسات الصغيرة التي تعتمد على هذه الأدوات».
ويدخل القانون حيز التنفيذ بعد ستة أشهر من نشره في الجريدة الرسمية.
آلاف المعلمين يحتجون أمام وزارة التربية للمطالبة بزيادة الأجور
تجمع آلاف المعلمين، صباح الاثنين، أمام مقر وزارة التربية للمطالبة بزيادة الأجور وتحسين ظروف العمل، في ثالث احتجاج من نوعه منذ بداية العام الدراسي.
وقالوا في بيان وزعته النقابة على الصحفيين: «رواتبنا لم تتغير منذ خمس سنوات، بينما تضاعفت الأسعار».
وقالت المعلمة سلوى إبراهيم التي تدرس الرياضيات منذ عشرين عاما: «نحن لا نطلب المستحيل، بل نطلب أن نعيش بكرامة!»
«الطلاب هم أول من يدفع ثمن إرهاق المعلمين وانشغالهم بأعمال إضافية بعد الدوام».
ورفع المحتجون لافتات تطالب بإقرار نظام جديد للحوافز، ورددوا هتافات تندد بتأخر صرف العلاوات.
«الوزارة منفتحة على الحوار وستعرض مقترحا جديدا خلال أسبوعين»، حسبما صرح متحدث باسم الوزارة لوكالة الأنباء الرسمية.
وتقول النقابة إن نحو 40 بالمئة من المعلمين يعملون في وظائف أخرى بعد الظهر لتغطية نفقاتهم.
إضراب الطيارين يلغي مئات الرحلات في أكبر مطارات البلاد
ألغت شركة الطيران الوطنية أكثر من 300 رحلة، الجمعة، بسبب إضراب ينفذه الطيارون احتجاجا على جداول العمل الجديدة، ما تسبب في تكدس آلاف المسافرين في المطارات.
وقالت الشركة في بيان نشرته على موقعها الإلكتروني: «نعتذر لجميع المسافرين المتضررين ونعمل على إعادة حجزهم في أقرب وقت ممكن».
وقال رئيس نقابة الطيارين عمر السعدي في تصريحات تلفزيونية: «لم نُستشر في الجداول الجديدة، وهي تعرض سلامة الرحلات للخطر».
وتطالب النقابة بتقليص عدد ساعات الطيران الشهرية وزيادة فترات الراحة بين الرحلات الطويلة.
«من المتوقع أن تستمر الاضطرابات حتى مطلع الأسبوع المقبل على الأقل»، وفقا لهيئة الطيران المدني.
وقالت إحدى المسافرات العالقات في المطار منذ الصباح: «لم يخبرنا أحد بشيء، ولا نعرف إن كنا سنسافر اليوم أم غدا».
مخزون السدود عند أدنى مستوياته منذ عقدين مع استمرار موجة الجفاف
تراجع مخزون المياه في السدود الرئيسية إلى 22 بالمئة من طاقتها الاستيعابية، وهو أدنى مستوى يسجل منذ عشرين عاما، بحسب أرقام رسمية نشرت الاثنين.
وحذرت وزيرة البيئة والمياه في كلمة أمام مؤتمر زراعي في العاصمة: «إذا لم تتحسن الأمطار هذا الشتاء، فسنضطر إلى فرض قيود على مياه الري في عدة مناطق».
ويقول المزارعون إن خطة الحكومة لدعم القطاع جاءت «متأخرة جدا»، وإن كثيرين منهم باعوا جزءا من مواشيهم لتغطية الخسائر.
وقال المزارع حسن عبد الله من إحدى قرى الجنوب: «خسرت نصف محصول القمح هذا العام، ولا أعرف كيف سأسدد ديوني».
وأطلقت الحكومة حملة لترشيد الاستهلاك تحت شعار «كل قطرة تهم».
ويتوقع خبراء الأرصاد أن يكون الموسم المطري المقبل قريبا من المعدل العام.
اكتشاف مقبرة أثرية يعود تاريخها إلى أكثر من ثلاثة آلاف عام
أعلنت هيئة الآثار، السبت، اكتشاف مقبرة أثرية تضم عشرات القطع الفخارية والحلي البرونزية، يعود تاريخها إلى أكثر من ثلاثة آلاف عام، خلال أعمال تنقيب قرب إحدى القرى الجنوبية.
وقال رئيس البعثة الأثرية فادي جرجس: «المقبرة لم تتعرض للنهب، وهذا نادر جدا في المنطقة».
وعثر الفريق أيضا على نقوش تشير إلى أن صاحب المقبرة كان يشغل منصبا رفيعا في الإدارة المحلية.
«هذه النقوش ستغير فهمنا لتاريخ الإدارة في هذه المنطقة بالكامل».
وتقع المقبرة على عمق أربعة أمتار تحت سطح الأرض، وقد اكتشفت بالصدفة أثناء أعمال لشق طريق زراعي.
«سيتم نقل القطع المكتشفة إلى المتحف الوطني لترميمها ودراستها»، بحسب بيان الهيئة.
أسعار النفط ترتفع بعد قرار تمديد خفض الإنتاج
ارتفعت أسعار النفط بأكثر من ثلاثة بالمئة، الثلاثاء، بعد أن اتفق كبار المنتجين على تمديد خفض الإنتاج حتى نهاية الربع الأول من العام المقبل.
وقال محلل أسواق الطاقة رامي شاهين: «السوق كانت تنتظر إشارة واضحة، وقد حصلت عليها اليوم»، مضيفا أن الأسعار قد تختبر مستويات أعلى خلال الأسابيع المقبلة.
«لن نسمح بانهيار الأسعار مرة أخرى، والقرار يعكس توافقا كاملا بين المنتجين»، نقلا عن مصدر مطلع على المشاورات.
وصعد خام برنت إلى 86 دولارا للبرميل، فيما ارتفع الخام الأمريكي إلى 82 دولارا.
وحذرت كبيرة الاقتصاديين في مؤسسة بحثية مستقلة منى السيد: «الطلب العالمي لا يزال ضعيفا، وأي انتعاش في الأسعار قد يكون قصير الأجل».
أسعار الخضروات تقفز في الأسواق بعد موجة الصقيع
ارتفعت أسعار الخضروات في أسواق الجملة بنسبة تجاوزت 40 بالمئة خلال أسبوع، بعد أن أتلفت موجة الصقيع مساحات واسعة من المحاصيل في السهول الشمالية.
وقال المزارع ياسر قاسم: «الصقيع أتلف محاصيل الطماطم والفلفل في ليلة واحدة، ولم نتمكن من إنقاذ شيء».
ووصف تجار في سوق الجملة الوضع بأنه «غير مسبوق»، مشيرين إلى أن بعض الأصناف اختفت تماما من الأسواق.
وأوضحت وزارة الزراعة في بيان: «ستبدأ الأسعار بالتراجع تدريجيا مع وصول الشحنات المستوردة الأسبوع المقبل»، داعية المستهلكين إلى عدم التهافت على الشراء.
وقررت الحكومة إعفاء شحنات الخضروات المستوردة من الرسوم الجمركية لمدة شهرين.
لاعبة التنس الشابة لينا حمدان تبلغ نصف النهائي للمرة الأولى في مسيرتها
بلغت لاعبة التنس الشابة لينا حمدان الدور نصف النهائي في بطولة كبرى للمرة الأولى في مسيرتها، بعد فوزها على المصنفة الثالثة عالميا بمجموعتين دون رد.
وقالت: «لم أتوقع أن أصل إلى هذه المرحلة بهذه السرعة. كنت أحاول فقط أن أستمتع بكل مباراة».
وحسمت حمدان المباراة في ساعة وعشرين دقيقة، ونجحت في كسر إرسال منافستها خمس مرات.
وقال مدربها مبتسما: «هل رأيتم كيف لعبت اليوم؟ هذا ما عملنا عليه طوال الشتاء».
وستلتقي حمدان في نصف النهائي المصنفة الأولى، التي لم تخسر أي مجموعة منذ بداية البطولة.
وأضافت حمدان: «أعرف أنها الأقوى على الورق، لكن كل شيء ممكن في التنس»، مؤكدة أنها ستدخل المباراة «بلا ضغوط».
البلدية تبدأ أعمال تأهيل الكورنيش القديم وتغلق جزءا منه أمام السيارات
بدأت بلدية المدينة، الأحد، أعمال تأهيل الكورنيش القديم، في مشروع تبلغ كلفته 12 مليون دولار ويستمر ثمانية عشر شهرا.
وقال رئيس البلدية في حفل إطلاق المشروع: «الكورنيش سيعود مساحة للمشاة والعائلات كما كان قبل أربعين عاما».
وقال مدير المشروع المهندس وليد حمزة: «سيتم إغلاق المسار الشرقي أمام السيارات طوال فترة الأعمال». وأشار إلى أن الحافلات ستسلك طرقا بديلة.
وحذرت جمعية التجار من أن الإغلاق قد يلحق «ضررا كبيرا» بالمحلات الواقعة على الواجهة البحرية.
وأكدت الجمعية في بيان: «لا نعارض المشروع، لكننا نطالب بتعويض المتضررين وتسريع الأعمال في الأشهر الأولى».
ومن المقرر أن تشمل المرحلة الأولى توسيع الأرصفة وزراعة الأشجار وتركيب إنارة جديدة.
دراسة: المشي عشرين دقيقة يوميا يخفض خطر الإصابة بأمراض القلب
خلصت دراسة واسعة شملت أكثر من 90 ألف شخص على مدى عشر سنوات إلى أن المشي عشرين دقيقة يوميا يرتبط بانخفاض خطر الإصابة بأمراض القلب بنحو الخمس.
وقال الباحث الرئيسي في الدراسة الدكتور أنور خليل: «الرسالة بسيطة جدا: لا تحتاج إلى صالة رياضية لتحمي قلبك!»
«حتى المشي إلى المتجر أو صعود الدرج بدلا من المصعد يحدث فرقا، وكما قال لي أحد المشاركين “لم أغير شيئا سوى أنني تركت السيارة في البيت”».
وأظهرت النتائج أن الفائدة كانت أكبر لدى من تجاوزوا الستين من العمر.
وقالت طبيبة القلب رنا موسى التي لم تشارك في الدراسة: «النتائج مشجعة، لكنها تظهر ارتباطا وليس علاقة سببية مباشرة».
الكرملين يعلق على احتمال إجراء محادثات نووية مع الولايات المتحدة – RT World News
قال دميتري بيسكوف المتحدث باسم الكرملين إن أي محادثات أمنية يجب أن تكون أوسع نطاقا نظرا للوضع الحالي.
قال المتحدث باسم الكرملين ديمتري بيسكوف، إن موسكو تعتبر المحادثات بشأن خفض التهديد النووي أمرا حيويا، لكن أي مناقشات تجريها القوى العالمية يجب أن تكون أوسع نطاقا نظرا للوضع الحالي فيما يتعلق بالصراع الأوكراني.
وكانت الولايات المتحدة قد أشارت في وقت سابق إلى أنها منفتحة على الحوار مع روسيا والصين وكوريا الشمالية بشأن قضايا الأمن النووي.
“في الواقع، لقد تحدث رئيسنا بالفعل عن هذا الأمر. وتعتبر روسيا مثل هذه الاتصالات ضرورية ولا يمكن تأجيلها، ولكن يجب علينا النظر في جميع القضايا الأمنية ككل، مع الأخذ في الاعتبار الوضع الحالي. وقال بيسكوف في مؤتمر صحفي يوم الاثنين بعد سؤاله عن احتمال مشاركة روسيا في المحادثات.
“في ظروف الحرب التي تُشن ضد روسيا بمشاركة غير مباشرة وحتى مباشرة من القوى النووية مثل الولايات المتحدة والمملكة المتحدة وفرنسا، فمن المستحيل تمامًا الحديث عن هذا دون وضع الموضوع في سياق جميع الجوانب الأمنية الأخرى. “،” قال.
دعا الرئيس الأميركي جو بايدن، الأحد، القوى العالمية إلى مواصلة اتخاذ خطوات لجعل العالم أكثر أماناً من خلال تخليصه من الأسلحة النووية.
“إن الحد من التهديد النووي أمر مهم ليس على الرغم من المخاطر التي يواجهها عالم اليوم ولكن بسببها على وجه التحديد.” وقال بايدن في بيان هنأ فيه الفائزين بجائزة نوبل للسلام لهذا العام، منظمة نيهون هيدانكيو اليابانية المناهضة للأسلحة النووية.
وفي أغسطس/آب، ذكرت صحيفة نيويورك تايمز أن بايدن وافق على استراتيجية نووية أمريكية للاستعداد لمواجهات نووية منسقة محتملة مع روسيا والصين وكوريا الشمالية. ونقلت الصحيفة عن البيت الأبيض قوله إن الخطة تمت الموافقة عليها في مارس الماضي ولم تكن ردا على دولة أو تهديد معين.
ولطالما أكدت موسكو أنها لا ترغب في استخدام الأسلحة النووية. ومع ذلك، حذر المسؤولون الروس من أن تورط الغرب المتزايد في الصراع الأوكراني، الذي تعتبره موسكو حربًا بالوكالة يشنها الغرب ضد روسيا، قد يؤدي إلى مواجهة مباشرة.
في الشهر الماضي، أعلن الرئيس فلاديمير بوتن اعتزامه إجراء تغييرات حاسمة على العقيدة النووية الروسية. جاء ذلك ردا على مداولات الولايات المتحدة وحلفائها بشأن منح الإذن لأوكرانيا باستخدام الأسلحة التي زودها بها الغرب لضرب أهداف في عمق روسيا. ستسمح التغييرات المقترحة للقيادة الروسية بالتعامل مع أي هجوم تشنه دولة غير نووية تدعمها دولة نووية باعتباره تهديدًا مشتركًا عند اتخاذ قرار بشأن الرد باستخدام الأسلحة النووية.
يواجه العالم التهديد المتزايد للحرب النووية نتيجة للغرب “سياسة مدمرة” وحذرت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا الأسبوع الماضي. وكررت دعوات موسكو للنظر في هذه الإمكانية “عواقب كارثية” من هذه التصرفات.
اكتشاف المزيد من موقع تجاربنا
اشترك للحصول على أحدث التدوينات المرسلة إلى بريدك الإلكتروني.
"""

ENGLISH = """\
Kremlin comments on possibility of nuclear talks with US
Any security talks must be broader in scope given the current situation, Kremlin spokesman Dmitry Peskov has said.
Moscow considers talks on reducing the nuclear threat vital, but any discussions held by world powers must be broader in scope given the current situation regarding the Ukraine conflict, Kremlin spokesman Dmitry Peskov has said.
The US had earlier indicated that it is open to dialogue with Russia, China and North Korea on nuclear security issues.
“In fact, our president has already spoken about this. Russia considers such contacts necessary and they cannot be postponed, but we must consider all security issues as a whole, taking into account the current situation,” Peskov told a press conference on Monday, when asked about the possibility of Russia taking part in the talks.
“In the conditions of the war being waged against Russia with the indirect and even direct participation of nuclear powers such as the US, the UK and France, it is absolutely impossible to talk about this without putting the subject in the context of all the other security aspects,” he said.
US President Joe Biden on Sunday called on world powers to keep taking steps to make the world safer by ridding it of nuclear weapons.
“Reducing the nuclear threat matters not in spite of the risks facing today’s world, but precisely because of them,” Biden said in a statement congratulating this year’s Nobel Peace Prize laureate, the Japanese anti-nuclear organization Nihon Hidankyo.
In August, the New York Times reported that Biden had approved a US nuclear strategy to prepare for possible coordinated nuclear confrontations with Russia, China and North Korea. The paper quoted the White House as saying the plan was approved last March and was not a response to any particular country or threat.
Moscow has long insisted that it has no wish to use nuclear weapons. However, Russian officials have warned that the West’s growing involvement in the Ukraine conflict, which Moscow regards as a proxy war waged by the West against Russia, could lead to a direct confrontation.
Last month, President Vladimir Putin announced his intention to make crucial changes to Russia’s nuclear doctrine. The move came in response to deliberations by the US and its allies on allowing Ukraine to use Western-supplied weapons to strike targets deep inside Russia. The proposed changes would allow the Russian leadership to treat any attack by a non-nuclear state backed by a nuclear power as a joint threat when deciding on a nuclear response.
The world faces a growing threat of nuclear war as a result of the West’s “destructive policy,” Russian Foreign Ministry spokeswoman Maria Zakharova warned last week. She repeated Moscow’s calls to consider the “catastrophic consequences” of such actions.
Sahel coach vows swift recovery after heavy defeat to league leaders
Sahel’s Portuguese coach Marco Ferreira vowed that his side would quickly regain its balance after a 3-1 defeat to the league leaders on Saturday evening.
“We were not at our level today, and we all have to take responsibility,” Ferreira told the post-match news conference.
Sahel dropped to fifth in the table on 31 points, nine points behind the leaders.
“The players know what awaits them, and next week will be different,” the coach said, adding that injuries had affected his attacking options.
Asked about his future at the club, he said: “Do you think I would give up after one match? That is not my style.”
“Can we still compete for the title?” one fan wondered outside the stadium.
Space telescope detects water vapour in atmosphere of distant rocky planet
An international team of astronomers announced that it had detected traces of water vapour in the atmosphere of a rocky planet orbiting a red dwarf star about 120 light years from Earth.
“This is the first time we have seen a signal this clear for a planet of this size,” said astrophysicist Sara Lindegren, who led the study.
The researchers described the result as “an important step” towards understanding small rocky planets, but stressed that the presence of water does not necessarily mean the presence of life.
“We still need more observations to pin down the composition of the atmosphere,” Lindegren explained in a telephone interview.
The findings were published in a peer-reviewed scientific journal on Wednesday, and the team is due to observe the planet again next year.
Court jails property company director for five years for fraud
The criminal court in the capital on Tuesday sentenced the director of a property company to five years in prison and fined him $2 million after convicting him of defrauding hundreds of buyers who paid for flats that were never built.
“The convicted man shall repay all sums collected within twelve months of the date of the judgment,” according to the operative part of the ruling, seen by the newspaper.
In the text of the ruling, the judge said the defendant had “exploited the trust of ordinary families” and made them false promises over three years.
“We have waited a long time for this day, and we still want to get our money back,” Mona al-Ali, one of the victims, told reporters outside the court.
“We will appeal the verdict because the court ignored essential evidence,” said defence lawyer Khaled Mansour.
The defendant had told an earlier hearing: “I did not mean to deceive anyone, and I told them from the start, ‘The project may be delayed.’”
Forecasters warn of heavy rain and flash floods in coastal areas
The meteorological authority warned of heavy rain over coastal areas in the next 48 hours, with a chance of flash floods forming in low-lying valleys.
“We advise citizens to avoid driving on low-lying roads and to keep away from valley watercourses,” authority spokeswoman Laila Haddad said in a television interview.
“Rainfall in some areas is expected to exceed 80 millimetres in a single day, the equivalent of a whole month’s average,” Haddad added in the same interview.
The education ministry suspended in-person classes on Thursday in three provinces, with pupils switching to remote learning.
Civil defence warned that “floods can form very quickly and without prior warning.”
National Telecom profit jumps 18% on data services
National Telecom said on Monday its third-quarter net profit rose 18% year on year to $412 million, supported by growing demand for data and fibre-optic services.
“We are reaping the rewards of the investments we started three years ago,” chief executive Nadia al-Khatib said on a conference call with analysts.
“We expect this momentum to continue until the end of the year,” al-Khatib added, noting that the company would raise its annual revenue guidance.
The company’s shares rose 4.2% in early trading on the stock exchange.
Analysts at a regional investment bank said the results were “better than expected”, but warned that price competition could squeeze profit margins next year.
“We see no reason to cut our buy recommendation on the stock at this time,” they said in a note to clients.
Film about migration wins top prize at city film festival
“The Other Bank”, by young director Reem Nasser, won the grand prize at the 20th edition of the city film festival, which closed on Friday evening.
Nasser said in her speech at the closing ceremony: “How can we make films about migration without hearing the voices of the migrants themselves?
“We spent two years with the families whose stories the film tells, and this prize is theirs before it is mine.”
The jury described the film in its statement as “a brave and honest work” that asks difficult questions without offering ready-made answers.
The best actor award went to Youssef Benali for his role in “Long Night”.
“I will return to the stage soon, but cinema is my first home,” Benali told reporters after the ceremony.
Neighbouring states’ foreign ministers agree joint border monitoring mechanism
The foreign ministers of five neighbouring countries agreed at the end of a two-day meeting to set up a joint mechanism to monitor their borders and share information on arms smuggling.
The host country’s foreign minister told the closing news conference: “Today we have taken a practical step after years of general statements.”
“The mechanism will start work within ninety days, and it will be open to any country that wishes to join,” the foreign minister of one of the participating countries stressed.
The final statement did not address disputes over the sharing of river waters, an issue that diplomats said “will remain on the table” at future meetings.
“We do not expect a breakthrough on every file at once,” explained an official from one of the visiting delegations, who asked not to be named.
The ministers are due to hold their next meeting in the spring.
Central bank holds interest rates for third meeting in a row
The central bank on Thursday kept its main interest rate unchanged at 5.5% for the third consecutive meeting, in a move in line with market expectations.
The bank’s governor told a news conference: “Inflation is falling, but it has not yet reached the level that allows us to ease.”
He added that the monetary policy committee would keep monitoring the data “meeting by meeting” before taking any decision.
“We expect the first rate cut in the second quarter of next year,” the chief economist at a local bank wrote in a note to clients.
Annual inflation stood at 3.9% last month, compared with a peak of 9% two years ago.
National measles vaccination campaign targets two million children
The health ministry on Sunday launched a national measles vaccination campaign targeting about two million children under five, after a rise in cases in recent months.
The deputy minister for primary care said: “The vaccine is safe, free and available at all health centres.”
“Vaccination rates have fallen below 70% in some areas, and that is a dangerous level,” the deputy minister explained, referring to remote rural areas.
“Is it acceptable that we lose children to a disease that can easily be prevented?” asked paediatrician Hala Youssef, who works at a hospital in the capital.
The campaign runs for three weeks and includes mobile teams visiting schools and kindergartens.
The ministry urges parents to keep the vaccination card because it is “a requirement for school registration”.
Parliament passes law regulating use of AI in government services
Parliament on Wednesday passed by 142 votes to 31 a law regulating the use of artificial intelligence systems in government services and requiring public bodies to disclose any automated decision affecting citizens’ rights.
“No citizen may be denied a service or support by an automated decision that they cannot understand or challenge,” MP Samer Issa, rapporteur of the legislation committee, said during the session.
He added: “Our motto from the start was ‘a human decides in the end’, and that is what the law guarantees.”
“The law places a heavy administrative burden on small businesses that rely on these tools,” said Dina Farah, head of the federation of technology companies.
The law comes into force six months after its publication in the official gazette.
Thousands of teachers protest outside education ministry demanding higher pay
Thousands of teachers gathered on Monday morning outside the education ministry to demand higher pay and better working conditions, in the third protest of its kind since the start of the school year.
“Our salaries have not changed in five years, while prices have doubled,” they said in a statement the union handed to journalists.
Salwa Ibrahim, who has taught mathematics for twenty years, said: “We are not asking for the impossible, we are asking to live with dignity!
“Students are the first to pay the price when teachers are exhausted and tied up with extra work after hours.”
Protesters carried banners calling for a new incentive scheme and chanted slogans denouncing delays in the payment of allowances.
“The ministry is open to dialogue and will present a new proposal within two weeks,” a ministry spokesman told the state news agency.
The union says about 40% of teachers work other jobs in the afternoon to make ends meet.
Pilots’ strike grounds hundreds of flights at the country’s biggest airports
The national airline cancelled more than 300 flights on Friday because of a strike by pilots protesting against new work rosters, leaving thousands of passengers stranded at airports.
“We apologise to all affected passengers and are working to rebook them as soon as possible,” the company said in a statement on its website.
“We were not consulted on the new rosters, and they put flight safety at risk,” pilots’ union chief Omar al-Saadi said in televised remarks.
The union is demanding fewer monthly flying hours and longer rest periods between long-haul flights.
“The disruption is expected to continue until at least early next week,” according to the civil aviation authority.
One passenger, stranded at the airport since the morning, said: “Nobody has told us anything, and we don’t know whether we will fly today or tomorrow.”
Dam reserves at lowest level in two decades as drought persists
Water reserves in the main dams fell to 22% of capacity, the lowest level recorded in twenty years, according to official figures published on Monday.
“If rainfall does not improve this winter, we will have to impose restrictions on irrigation water in several areas,” the environment and water minister warned in a speech to an agricultural conference in the capital.
Farmers say the government’s plan to support the sector came “far too late”, and that many of them have sold part of their livestock to cover their losses.
“I lost half my wheat crop this year, and I don’t know how I will pay off my debts,” said Hassan Abdullah, a farmer from a village in the south.
The government has launched a water-saving campaign under the slogan “Every drop counts”.
Meteorologists expect the coming rainy season to be close to average.
Tomb more than 3,000 years old discovered in the south
The antiquities authority announced on Saturday the discovery of a tomb containing dozens of pottery pieces and bronze ornaments dating back more than 3,000 years, found during excavations near a southern village.
“The tomb has not been looted, which is very rare in the region,” said the head of the archaeological mission, Fadi Girgis.
The team also found inscriptions indicating that the tomb’s owner held a senior post in the local administration.
“These inscriptions will completely change our understanding of the history of administration in this region.”
The tomb lies four metres below ground and was discovered by chance during work on a farm road.
“The artefacts will be moved to the national museum for restoration and study,” according to the authority’s statement.
Oil prices rise after decision to extend output cuts
Oil prices rose by more than 3% on Tuesday after major producers agreed to extend production cuts until the end of the first quarter of next year.
“The market was waiting for a clear signal, and today it got one,” said energy market analyst Rami Shaheen, adding that prices could test higher levels in the coming weeks.
“We will not allow prices to collapse again, and the decision reflects full consensus among producers,” according to a source familiar with the consultations.
Brent crude climbed to $86 a barrel, while US crude rose to $82.
“Global demand is still weak, and any recovery in prices may be short-lived,” warned Mona al-Sayed, chief economist at an independent research institute.
Vegetable prices jump in markets after frost
Vegetable prices in wholesale markets rose by more than 40% in a week after a frost destroyed large areas of crops in the northern plains.
“The frost destroyed the tomato and pepper crops in a single night, and we could not save anything,” said farmer Yasser Qassem.
Traders at the wholesale market described the situation as “unprecedented”, noting that some varieties had disappeared from the markets altogether.
“Prices will start to fall gradually as imported shipments arrive next week,” the agriculture ministry explained in a statement, urging consumers not to rush to buy.
The government decided to exempt imported vegetable shipments from customs duties for two months.
Young tennis player Lina Hamdan reaches first semi-final of her career
Young tennis player Lina Hamdan reached the semi-finals of a major tournament for the first time in her career after beating the world number three in straight sets.
“I didn’t expect to reach this stage so quickly. I was just trying to enjoy every match,” she said.
Hamdan wrapped up the match in an hour and twenty minutes, breaking her opponent’s serve five times.
“Did you see how she played today? This is what we worked on all winter,” her coach said with a smile.
In the semi-final Hamdan will face the top seed, who has not dropped a set since the start of the tournament.
“I know she is the strongest on paper, but anything is possible in tennis,” Hamdan added, stressing that she would go into the match “without pressure”.
Municipality starts renovating old corniche, closes part of it to cars
The city municipality on Sunday began renovating the old corniche, in an 18-month project costing $12 million.
The mayor said at the project’s launch ceremony: “The corniche will once again be a space for pedestrians and families, as it was forty years ago.”
“The eastern lane will be closed to cars for the duration of the works,” said project manager Walid Hamza, an engineer. He noted that buses would take alternative routes.
The traders’ association warned that the closure could cause “serious damage” to shops on the waterfront.
“We do not oppose the project, but we demand compensation for those affected and faster work in the first months,” the association stressed in a statement.
The first phase is due to include widening pavements, planting trees and installing new street lighting.
Study: walking 20 minutes a day cuts the risk of heart disease
A large study that followed more than 90,000 people over ten years concluded that walking twenty minutes a day is associated with a roughly one-fifth lower risk of heart disease.
The study’s lead researcher, Dr Anwar Khalil, said: “The message is very simple: you don’t need a gym to protect your heart!
“Even walking to the shop or taking the stairs instead of the lift makes a difference, and as one participant told me, ‘I changed nothing except leaving the car at home.’”
The results showed that the benefit was greater among those over sixty.
“The results are encouraging, but they show an association, not a direct causal relationship,” said cardiologist Rana Moussa, who was not involved in the study.
"""
